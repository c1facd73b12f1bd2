"""The publishing workflow (.github/workflows/publish.yml): valid against SchemaStore's
schema for GitHub workflows, with the permissions GitHub Pages needs, and with the commands
the README's "Publish" section describes, run as it runs them."""

import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import json
import pytest
import yaml

from conftest import ENV, ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
SCHEMA = Path(__file__).parent / "schemas" / "github-workflow.json"


@pytest.fixture(scope="module")
def workflow():
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as true; GitHub reads it as "on"
    if True in data:
        data["on"] = data.pop(True)
    return data


@pytest.fixture(scope="module")
def job(workflow):
    assert list(workflow["jobs"]) == ["publish"]
    return workflow["jobs"]["publish"]


def steps_using(job, action):
    return [i for i, s in enumerate(job["steps"]) if s.get("uses", "").startswith(action + "@")]


def test_the_workflow_is_valid_against_schemastore(workflow):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(workflow, schema)


def test_schema_check_rejects_a_broken_workflow(workflow):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    broken = {**workflow, "permissions": {**workflow["permissions"], "pages": "publish"}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_permissions_for_pages_and_for_mike(workflow):
    assert workflow["permissions"] == {"contents": "write", "pages": "write", "id-token": "write"}
    assert "push" in workflow["on"] and workflow["on"]["push"]["branches"] == ["main"]


def test_steps_build_deploy_with_mike_and_hand_pages_the_gh_pages_tree(job):
    assert job["environment"]["name"] == "github-pages"
    checkout, = steps_using(job, "actions/checkout")
    assert job["steps"][checkout]["with"]["fetch-depth"] == 0          # earlier versions on gh-pages
    pages, = steps_using(job, "actions/configure-pages")
    assert job["steps"][pages]["id"] == "pages"
    build = next(i for i, s in enumerate(job["steps"]) if "mike deploy" in s.get("run", ""))
    step = job["steps"][build]
    assert step["env"]["EDITION_URL"] == "${{ steps.pages.outputs.base_url }}"
    run = step["run"]
    assert re.search(r"^make site$", run, re.M)
    assert re.search(r"mike deploy --push --update-aliases \"\$VERSION\" latest$", run, re.M)
    assert re.search(r"mike set-default --push latest$", run, re.M)
    upload, = steps_using(job, "actions/upload-pages-artifact")
    deploy, = steps_using(job, "actions/deploy-pages")
    assert checkout < pages < build < upload < deploy
    assert job["steps"][deploy]["id"] == "deployment"
    assert job["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"


def test_the_version_mike_deploys_is_edition_yml_s_current_one(job):
    run = next(s["run"] for s in job["steps"] if "mike deploy" in s.get("run", ""))
    command = re.search(r"VERSION=\$\((.+)\)$", run, re.M).group(1).replace(".venv/bin/python", sys.executable)
    version = subprocess.run(command, shell=True, cwd=ROOT, env=ENV, capture_output=True, text=True, check=True)
    history = yaml.safe_load((ROOT / "edition" / "edition.yml").read_text(encoding="utf-8"))["edition"]["history"]
    assert version.stdout.strip() == str(history[-1]["version"])


def test_readme_says_how_to_publish():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Publish"):]
    for needed in ("publish.yml", "EDITION_URL", "mike deploy --push --update-aliases", "mike set-default",
                   "gh-pages", "GitHub Actions"):
        assert needed in section, needed
