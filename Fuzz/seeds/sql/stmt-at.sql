SELECT $$dollar$$, $tag$ body $tag$, U&"d\0061t\+000061", 'it''s', B'101', X'ff', 1.5e-3;
