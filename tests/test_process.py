"""`orderintake process`: output folders, files per status, failure isolation, and the command line."""

from __future__ import annotations

import json
from datetime import date
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from typer.testing import CliRunner

import extractors
from models.company import CompanyProfile
from models.document import DocumentInfo
from models.findings import MissingItem
from models.options import ExtractOptions
from models.order import Order, Party
from models.result import ExtractionResult
from pipeline.cli import app
from pipeline.process import (
    allocate_output_dir,
    process_file,
    process_paths,
    safe_folder_name,
    write_outputs,
)
from pipeline.settings import Settings

ORDER_TEXT = """PURCHASE ORDER

PO No.: 4711
PO Date: 14/03/2026

Buyer: Brightline Lighting Ltd
Contact: Sarah Jones
E-mail: sarah.jones@brightline.example

Item  Part No.      Description              Qty   Unit  Unit Price  Amount
1     LED-PNL-6060  LED panel 600x600 40W    500   pcs   12.50       6,250.00
2     LED-DL-12     LED downlight 12W        1000  pcs   6.25        6,250.00

Total: USD 12,500.00

Incoterms: FOB Ningbo Incoterms 2020
Payment Terms: 30% T/T deposit, balance before shipment
Delivery Date: 15/05/2026
"""
CONFIRMATION_FILES = {"result.json", "confirmation.docx", "confirmation.pdf", "reply.eml"}


@pytest.fixture
def settings() -> Settings:
    return Settings(
        extract=ExtractOptions(today=date(2026, 3, 16)),
        company=CompanyProfile(name="Ningbo Sunrise Industrial Co., Ltd.", email="sales@sunrise.example"),
    )


def constructed(status: str) -> ExtractionResult:
    order = Order(order_number="PO-77", buyer=Party(name="Buyer AG", email="einkauf@buyer.example"), currency="EUR")
    missing = [MissingItem(field="delivery_date", question="Wann benötigen Sie die Ware?", language="de")]
    return ExtractionResult(
        status=status,  # type: ignore[arg-type]
        document=DocumentInfo(sha256="ab" * 32, language="de", kind="pdf"),
        order=order,
        missing=missing,
    )


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("PO-4711", "PO-4711"),
        ("Bestellung Müller", "Bestellung_Muller"),
        ("../../etc/passwd", "etc_passwd"),
        ("..", "document"),
        ("订单", "document"),
        ("a" * 200, "a" * 80),
        ("report..final", "report.final"),
    ],
)
def test_folder_names_are_safe(stem, expected):
    assert safe_folder_name(stem) == expected


def test_a_taken_folder_name_gets_a_number_and_nothing_existing_is_touched(tmp_path):
    existing = tmp_path / "PO-4711"
    existing.mkdir()
    (existing / "PO-4711.txt").write_text("the input itself")
    first = allocate_output_dir(tmp_path, existing / "PO-4711.txt")
    second = allocate_output_dir(tmp_path, Path("elsewhere/PO-4711.pdf"))
    assert (first.name, second.name) == ("PO-4711-2", "PO-4711-3")
    assert sorted(p.name for p in existing.iterdir()) == ["PO-4711.txt"]


@pytest.mark.parametrize("status", ["complete", "needs_review"])
def test_an_order_gets_result_confirmation_and_reply(tmp_path, settings, status):
    written = write_outputs(constructed(status), tmp_path / "out", settings, lang=None)
    assert {path.name for path in written} == CONFIRMATION_FILES
    assert written[0].name == "result.json"
    assert json.loads(written[0].read_text())["order"]["order_number"] == "PO-77"
    eml = message_from_bytes((tmp_path / "out/reply.eml").read_bytes(), policy=policy.default)
    assert "Wann benötigen Sie die Ware?" in eml.get_body(preferencelist=("plain",)).get_content()
    assert "Auftragsbestätigung" in eml["Subject"]
    assert not list((tmp_path / "out").glob(".*"))  # no temporary files left behind


@pytest.mark.parametrize("status", ["not_an_order", "failed"])
def test_a_non_order_gets_only_its_result(tmp_path, settings, status):
    written = write_outputs(constructed(status), tmp_path, settings)
    assert [path.name for path in written] == ["result.json"]
    assert {path.name for path in tmp_path.iterdir()} == {"result.json"}


def test_a_confirmation_that_cannot_be_rendered_is_reported_in_the_result(tmp_path, settings, monkeypatch):
    def broken_renderer(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("pipeline.confirmations.render_confirmation", broken_renderer)
    result = constructed("complete")
    written = write_outputs(result, tmp_path, settings)
    saved = json.loads((tmp_path / "result.json").read_text())
    assert [path.name for path in written] == ["result.json"]
    assert saved["status"] == result.status == "needs_review"
    assert saved["findings"][-1]["code"] == "output.render_failed"


def test_process_file_reads_a_real_order_and_writes_everything(tmp_path, settings):
    source = tmp_path / "inbox" / "PO 4711.txt"
    source.parent.mkdir()
    source.write_text(ORDER_TEXT, encoding="utf-8")
    result = process_file(source, tmp_path / "out", settings)
    target = tmp_path / "out" / "PO_4711"
    assert result.status in ("complete", "needs_review")
    assert {path.name for path in target.iterdir()} == CONFIRMATION_FILES
    assert json.loads((target / "result.json").read_text())["order"]["order_number"] == "4711"
    assert source.read_text(encoding="utf-8") == ORDER_TEXT


def test_one_failing_file_does_not_stop_the_others(tmp_path, settings, monkeypatch):
    good = tmp_path / "good.txt"
    good.write_text(ORDER_TEXT, encoding="utf-8")
    broken = tmp_path / "broken.txt"
    broken.write_text("PO No.: 1", encoding="utf-8")
    original = extractors.extract_order

    def crash_on_broken(path: Path, **kwargs: object) -> ExtractionResult:
        if Path(path).name == "broken.txt":
            raise RuntimeError("reader bug")
        return original(path, **kwargs)

    monkeypatch.setattr(extractors, "extract_order", crash_on_broken)
    results = process_paths([broken, good], tmp_path / "out", settings, progress=False)
    assert results[0].status == "failed" and results[0].error.code == "internal.error"
    assert results[1].status in ("complete", "needs_review")
    assert json.loads((tmp_path / "out/broken/result.json").read_text())["status"] == "failed"
    assert (tmp_path / "out/good/confirmation.pdf").is_file()


def test_cli_processes_files_and_prints_a_summary_per_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    order = tmp_path / "po.txt"
    order.write_text(ORDER_TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["process", str(order), "--out", "out", "--lang", "de", "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("po.txt: needs_review") or result.stderr.startswith("po.txt: complete")
    assert "Sarah" not in result.stderr  # no personal data in the summary
    eml = message_from_bytes((tmp_path / "out/po/reply.eml").read_bytes(), policy=policy.default)
    assert eml["Subject"].startswith("Auftragsbestätigung")


def test_cli_rejects_an_unknown_language_and_reports_missing_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    bad_lang = runner.invoke(app, ["process", "x.txt", "--out", "out", "--lang", "klingon"])
    assert bad_lang.exit_code == 2 and "--lang" in bad_lang.stderr
    missing = runner.invoke(app, ["process", "nowhere.txt", "--out", "out", "--quiet"])
    assert missing.exit_code == 2 and "cannot read nowhere.txt" in missing.stderr


def test_output_folders_of_inputs_with_the_same_stem_carry_their_folder_name() -> None:
    from pipeline.process import output_names

    paths = [Path("a/pdf_en_01/input.pdf"), Path("a/docx_de_02/input.docx"), Path("b/PO-4711.pdf")]
    assert output_names(paths) == ["pdf_en_01_input", "docx_de_02_input", "PO-4711"]
