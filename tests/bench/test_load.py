"""The load harness's own logic (bench/load): the mix, the comparison endpoint, the reports.

The runs themselves are benchmarks (``make loadtest``), not tests; what is tested here is what
would make their numbers wrong without anyone noticing.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import QueryDict
from django.test import RequestFactory

from bench.load.run import Outage, Scenario, fault_row, summarise

ROOT = Path(__file__).resolve().parents[2]


def test_the_mixes_carry_the_issues_weights():
    # Locust patches the standard library with gevent on import: read the classes elsewhere.
    script = (
        "import json, collections; from bench.load import locustfile as f; "
        "print(json.dumps({c.__name__: collections.Counter(t.__name__ for t in c.tasks) "
        "for c in (f.Anonymous, f.Member)}))"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                         text=True, check=True)  # fmt: skip
    weights = json.loads(out.stdout.strip().splitlines()[-1])
    issue = {"home": 10, "subnetwork": 10, "news": 5, "group": 20, "members": 25, "api": 15,
             "suggest": 10, "search": 5}  # fmt: skip
    assert weights["Anonymous"] == issue
    assert weights["Member"] == issue


@pytest.mark.django_db
def test_the_directory_mix_has_200_distinct_queries_the_directory_keeps_whole():
    import random

    from bench.load.prepare import directory_queries
    from search.params import parse_directory

    queries = directory_queries(random.Random(12))
    assert len(queries) >= 200 and len(set(queries)) == len(queries)
    filtered = 0
    for query in queries:
        params = QueryDict(query)
        parsed = parse_directory(params)
        given = sum(len(params.getlist(k)) for k in params if k != "q")
        assert parsed.filter_count + (1 if parsed.sort else 0) == given, query
        filtered += parsed.filter_count > 0
    assert filtered >= 100  # filters, not only words


@pytest.mark.django_db
def test_the_database_directory_shows_an_anonymous_visitor_public_groups_only(make_group):
    from bench.load.dbdirectory import database_directory
    from members.models import Prefecture

    aichi, osaka = Prefecture.objects.get(code="23"), Prefecture.objects.get(code="27")
    make_group("Nagoya Support Net", prefecture=aichi)
    make_group("Nagoya Support Circle", prefecture=aichi, visibility="members")
    make_group("Osaka Support Net", prefecture=osaka)
    make_group("Osaka Garden Club", prefecture=osaka)
    request = RequestFactory().get("/bench/db-directory/", {"q": "Support", "prefecture": "23"})
    body = json.loads(database_directory(request).content)
    assert body["results"] == ["Nagoya Support Net"] and body["count"] == 1
    # Disjunctive counts, as Elasticsearch's: the prefecture facet counted without its own
    # filter, within the words; the members-only group counted nowhere.
    assert body["facets"]["prefecture"] == {"23": 1, "27": 1}


def test_the_summary_gives_shares_percentiles_errors_and_the_target():
    rows = [
        {"Name": "home", "Request Count": "300", "Failure Count": "0", "Requests/s": "5.0",
         "50%": "40", "95%": "90", "99%": "120"},
        {"Name": "members", "Request Count": "700", "Failure Count": "2", "Requests/s": "11.7",
         "50%": "60", "95%": "300", "99%": "500"},
        {"Name": "Aggregated", "Request Count": "1000", "Failure Count": "2",
         "Requests/s": "16.7", "50%": "50", "95%": "250", "99%": "480"},
    ]  # fmt: skip
    stats = {"rows": rows, "extra": {"x_cache": {"home": {"HIT": 3, "MISS": 1}}}}
    text, numbers = summarise(Scenario(1, "anonymous", 50), stats, 60, "1.0/2.0")
    assert "| members | 70.0% | 700 | 11.7 | 60 | 300 | 500 | 2 | n/a |" in text
    assert "| home | 30.0% | 300 | 5.0 | 40 | 90 | 120 | 0 | 75% |" in text
    assert "**not met**" in text  # 16.7 req/s and 2 errors
    assert numbers == {"rps": pytest.approx(16.7), "p95": 250.0, "errors": 2}


def test_the_fault_table_counts_only_requests_that_overlap_the_outage(tmp_path):
    log = tmp_path / "requests.csv"
    log.write_text(
        "5.0,members,200,100,0,0\n"  # before the outage
        "10.5,members,200,900,1,0\n"  # started before it, ended inside: counted
        "11.0,search,503,20,0,0\n"
        "12.0,group,500,30,0,0\n"
        "26.0,members,200,50,1,0\n"  # a fallback after the return: recovery 6 s
        "40.0,members,200,50,0,0\n"
    )
    row = fault_row(Outage("es-kill", began=10.0, ended=20.0), log, db_fault=False)
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[:10] == ["es-kill", "10.0", "3", "1", "search 1", "0/1", "1", "0", "1", "30"]
    assert cells[-2:] == ["6.0", "not met"]  # 3 requests, a 500 on a group page


def test_a_database_fault_is_met_by_503s_with_retry_after_and_a_quick_return(tmp_path):
    log = tmp_path / "requests.csv"
    log.write_text("".join(f"{10 + i / 100:.2f},home,503,5,0,1\n" for i in range(200)))
    row = fault_row(Outage("pg-restart", began=10.0, ended=13.0), log, db_fault=True)
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[2:6] == ["200", "0", "home 200", "200/200"]
    assert cells[-2:] == ["0.0", "met"]


@pytest.mark.django_db
def test_the_site_itself_never_serves_the_comparison_endpoint(client, home_pages):
    # Only bench.load.settings mounts it (bench.load.urls); the site's URLs do not.
    assert client.get("/bench/db-directory/", {"q": "x"}).status_code == 404
