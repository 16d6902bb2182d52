SELECT a.b, count(*) FROM t AS x JOIN u ON x.id = u.id WHERE x.v > 1 AND y LIKE 'a%' GROUP BY 1 ORDER BY 2 DESC LIMIT 10;
