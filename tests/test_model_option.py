"""--model loads a trained pipeline from a path; its PERSON entities join ours. Nothing can be
downloaded here, so the test builds a tiny pipeline with an entity ruler and saves it."""
import json

import spacy
from typer.testing import CliRunner

from mssnews.cli import app


def test_model_people_join_ours(tmp_path):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Quaxon"}])
    path = tmp_path / "tiny_model"
    nlp.to_disk(path)
    article = tmp_path / "a.txt"
    text = "Quaxon and Zhou Min were paid 9,000 yuan. Quaxon later fled."
    article.write_text(text, encoding="utf-8")

    plain = CliRunner().invoke(app, ["extract", str(article), "--json"])
    assert [p["name"] for p in json.loads(plain.stdout)["people"]] == ["Zhou Min"]

    r = CliRunner().invoke(app, ["extract", str(article), "--json", "--model", str(path)])
    assert r.exit_code == 0, r.stderr
    people = json.loads(r.stdout)["people"]
    assert [(p["name"], p["rule"]) for p in people] == [("Quaxon", "model-person"), ("Zhou Min", "person-name")]
    assert [(m["start"], m["end"]) for m in people[0]["mentions"]] == [(0, 6), (42, 48)]


def test_missing_model_is_a_usage_error(tmp_path):
    r = CliRunner().invoke(app, ["extract", "x.txt", "--json", "--model", str(tmp_path / "none")])
    assert r.exit_code == 2
    assert r.stderr.startswith("mssnews: error: --model ")
    assert "Traceback" not in r.stderr
