#!/usr/bin/env python3
"""Writes a synthetic docs tree shaped like a real docs repository (segment-docs: about 1,400 pages,
9 MB, about 3% of pages with SQL), for the benchmark.

    generate.py PAGES OUT_DIR [--seed N]

Pages carry YAML front matter, headings, prose with links and inline code, bullet and numbered lists,
tables, kramdown callouts (> info ""), Liquid includes, code fences in other languages, and, on about one
page in 35, a setup guide with Step headings, option sections and fenced SQL. The same arguments always
write the same tree.
"""
import argparse
import os
import random

WORDS = ("segment data warehouse source destination event track identify profile sync audience trait "
         "schema table column role user permission access connection pipeline batch stream workspace "
         "settings account token region cluster query model sql setup guide reverse etl activation").split()

SQL_STEPS = [
    "CREATE DATABASE {db};",
    "CREATE ROLE {role};",
    "CREATE SCHEMA {schema};",
    "GRANT USAGE ON SCHEMA {schema} TO ROLE {role};",
    "GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO ROLE {role};",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema}\nGRANT SELECT ON TABLES TO ROLE {role};",
    "GRANT CREATE ON DATABASE {db} TO ROLE {role};",
    "CREATE USER {user} PASSWORD DISABLE;",
    "GRANT ROLE {role} TO {user};",
    "SELECT id, name FROM {schema}.accounts WHERE created_at > current_date - 7;",
]


def sentence(rng, n=None):
    words = [rng.choice(WORDS) for _ in range(n or rng.randint(8, 22))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), f"[{rng.choice(WORDS)}](/docs/{rng.choice(WORDS)}/)")
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), f"`{rng.choice(WORDS)}_{rng.choice(WORDS)}`")
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))


def table(rng):
    columns = rng.randint(2, 4)
    rows = ["| " + " | ".join(rng.choice(WORDS).title() for _ in range(columns)) + " |",
            "|" + "---|" * columns]
    for _ in range(rng.randint(2, 8)):
        rows.append("| " + " | ".join(sentence(rng, 3)[:-1] for _ in range(columns)) + " |")
    return "\n".join(rows)


def title(rng):
    return " ".join(rng.choice(WORDS) for _ in range(4)).title()


def prose_page(rng, index):
    parts = [f"---\ntitle: {title(rng)}\nplan: {rng.choice(['free', 'team', 'business'])}\n---\n",
             f"{{% include content/plan-grid.md name=\"{rng.choice(WORDS)}\" %}}\n",
             paragraph(rng)]
    for section in range(rng.randint(3, 7)):
        parts.append(f"## {title(rng)}")
        for _ in range(rng.randint(1, 3)):
            kind = rng.random()
            if kind < 0.45:
                parts.append(paragraph(rng))
            elif kind < 0.6:
                parts.append("\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(2, 6))))
            elif kind < 0.7:
                parts.append("\n".join(f"{n}. {sentence(rng)}" for n in range(1, rng.randint(3, 7))))
            elif kind < 0.8:
                parts.append(table(rng))
            elif kind < 0.9:
                parts.append(f"> {rng.choice(['info', 'warning', 'success'])} \"{sentence(rng, 3)[:-1]}\"\n> {paragraph(rng)}")
            else:
                language = rng.choice(["js", "json", "bash", "python"])
                body = "\n".join(f"analytics.{rng.choice(WORDS)}('{rng.choice(WORDS)}', {{ id: {n} }});" for n in range(rng.randint(2, 8)))
                parts.append(f"```{language}\n{body}\n```\n{{:.no-copy}}")
    return "\n\n".join(parts) + "\n"


def sql_page(rng, index):
    db, role, schema, user = f"db_{index}", f"role_{index}", f"schema_{index}", f"user_{index}"
    values = dict(db=db, role=role, schema=schema, user=user)
    parts = [f"---\ntitle: Warehouse setup {index}\n---\n", paragraph(rng)]
    for option in (1, 2):
        parts.append(f"## Access Option {option}\n\n{paragraph(rng)}")
    parts.append("## Setup")
    for step in range(1, rng.randint(4, 8)):
        parts.append(f"### Step {step}: {title(rng)}\n\n{sentence(rng)}")
        statements = "\n".join(rng.choice(SQL_STEPS).format(**values) for _ in range(rng.randint(1, 4)))
        if step == 3:
            parts.append(f"- For Access Option 1:\n\n  ```sql\n  GRANT USAGE ON SCHEMA {schema} TO ROLE {role};\n  ```\n"
                         f"- For Access Option 2:\n\n  ```sql\n  GRANT SELECT ON {schema}.accounts TO ROLE {role};\n  ```")
        else:
            parts.append(f"```sql\n{statements}\n```")
    return "\n\n".join(parts) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pages", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    for index in range(arguments.pages):
        folder = os.path.join(arguments.out, f"section{index % 40:02d}", f"group{index // 40 % 25:02d}")
        os.makedirs(folder, exist_ok=True)
        page = sql_page(rng, index) if index % 35 == 7 else prose_page(rng, index)
        with open(os.path.join(folder, f"page{index:06d}.md"), "w") as file:
            file.write(page)


if __name__ == "__main__":
    main()
