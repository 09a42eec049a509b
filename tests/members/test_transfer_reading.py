"""Reading an import file is pure: no database, so the formats can be tested and reused alone."""

from members.transfer.reading import RowError, header_mapping, table_read


def test_shift_jis_csv_with_japanese_headers_reads_without_a_database(tmp_path):
    path = tmp_path / "members.csv"
    path.write_bytes(
        "種別,会員番号,名称,ふりがな\n団体,G-0001,移住連,いじゅうれん\n\n".encode("cp932")
    )
    table = table_read(path=path)
    assert table.headers == ["種別", "会員番号", "名称", "ふりがな"]
    assert table.rows == [
        (2, {"種別": "団体", "会員番号": "G-0001", "名称": "移住連", "ふりがな": "いじゅうれん"})
    ]
    errors: list[RowError] = []
    assert header_mapping(table.headers, errors) == {
        "種別": "type",
        "会員番号": "member_number",
        "名称": "name",
        "ふりがな": "kana",
    }
    assert errors == []


def test_unknown_and_missing_headers_are_reported_on_row_one():
    errors: list[RowError] = []
    header_mapping(["Type", "Nmae"], errors)
    assert [str(e) for e in errors] == [
        "row 1, column Nmae: unknown column",
        "row 1, column Member number: required column is missing",
        "row 1, column Name: required column is missing",
    ]
