"""A club workbook carrying everything openpyxl would silently drop on a load/save.

The base is built with openpyxl (two user sheets, an Excel Table with a
status column, data validation, a comment, defined names, conditional
formatting, a formula). Then OOXML parts are injected by hand into the zip:
a "Panel" sheet with a drawing (shape, text box, PNG picture, slicer frame), a
legacy form control (VML + ctrlProp), a table slicer with its slicer cache in
workbook.xml's x14 extLst, x14 sparklines and ``mc:Ignorable`` x14ac
attributes in the participants sheet, a pivot cache definition with records
and a calc chain. The file sink must keep all of it.
"""

from __future__ import annotations

import re
import struct
import zlib
from datetime import date
from pathlib import Path

from tests.ooxml_checks import read_parts, write_parts

PARTICIPANTS = "Uczestnicy"
ATTENDANCE = "Obecności"
PANEL = "Panel"
STATUS_HEADER = "Status kontroli"
STATUS_COL = 4
N_PARTICIPANTS = 8
N_ATTENDANCE = 300

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"
X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM = "http://schemas.microsoft.com/office/excel/2006/main"
X15 = "http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"
XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument."

# Parts the injection adds (all must come out byte-identical).
INJECTED = (
    "xl/worksheets/sheet3.xml",
    "xl/worksheets/_rels/sheet3.xml.rels",
    "xl/drawings/drawing1.xml",
    "xl/drawings/_rels/drawing1.xml.rels",
    "xl/media/image1.png",
    "xl/drawings/vmlDrawing9.vml",
    "xl/ctrlProps/ctrlProp1.xml",
    "xl/slicers/slicer1.xml",
    "xl/slicerCaches/slicerCache1.xml",
    "xl/pivotCache/pivotCacheDefinition1.xml",
    "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels",
    "xl/pivotCache/pivotCacheRecords1.xml",
)


def tiny_png() -> bytes:
    """A valid 2x2 red PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def build_base(path: Path) -> Path:
    """The openpyxl part of the fixture: what a user could make with the template."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.table import Table, TableStyleInfo

    wb = Workbook()
    ws = wb.active
    ws.title = PARTICIPANTS
    ws.append(["ID uczestnika", "Nazwisko", "Kategoria", STATUS_HEADER, "Godziny x2"])
    for i in range(1, N_PARTICIPANTS + 1):
        ws.append([f"U{i:03}", f"Nazwisko {i}", "bezdomność", "stary status", None])
        ws.cell(row=1 + i, column=5, value=f"=LEN(D{1 + i})*2")
    for r in range(2, N_PARTICIPANTS + 2):
        ws.cell(row=r, column=STATUS_COL).fill = PatternFill("solid", start_color="FFFFF2CC")
        ws.cell(row=r, column=STATUS_COL).font = Font(italic=True)
    table = Table(displayName="t_participants", ref=f"A1:E{N_PARTICIPANTS + 1}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    dv = DataValidation(type="list", formula1='"bezdomność,uzależnienie,bezrobocie"')
    dv.add(f"C2:C{N_PARTICIPANTS + 1}")
    ws.add_data_validation(dv)
    ws["B2"].comment = Comment("Sprawdzić adres", "Koordynator")
    ws.conditional_formatting.add(
        f"A2:A{N_PARTICIPANTS + 1}",
        CellIsRule(
            operator="equal", formula=['"U001"'], fill=PatternFill("solid", bgColor="FFC7CE")
        ),
    )
    ws.freeze_panes = "A2"
    ws.column_dimensions["B"].width = 24

    att = wb.create_sheet(ATTENDANCE)
    att.append(["Data", "ID uczestnika", "Obecność"])
    for i in range(N_ATTENDANCE):
        att.append([date(2025, 1 + i % 12, 1 + i % 28), f"U{1 + i % N_PARTICIPANTS:03}", "obecny"])
        att.cell(row=2 + i, column=1).number_format = "dd.mm.yyyy"

    wb.create_sheet(PANEL)["A1"] = "Pulpit koordynatora"

    wb.defined_names["Klub"] = DefinedName("Klub", attr_text=f"'{PARTICIPANTS}'!$A$1")
    ws.defined_names["Lokalna"] = DefinedName("Lokalna", attr_text=f"'{PARTICIPANTS}'!$B$2")
    wb.save(path)
    return path


def build_rich(path: Path) -> Path:
    build_base(path)
    parts = read_parts(path)
    _inject(parts)
    return write_parts(path, parts)


def _text(parts: dict[str, bytes], name: str) -> str:
    return parts[name].decode("utf-8")


def _add_rel(parts: dict[str, bytes], rels: str, rel_id: str, kind: str, target: str) -> None:
    xml = _text(parts, rels) if rels in parts else f'<Relationships xmlns="{RELS}"></Relationships>'
    xml = xml.replace(
        "</Relationships>",
        f'<Relationship Id="{rel_id}" Type="{RT if "/" not in kind else ""}{kind}" '
        f'Target="{target}"/></Relationships>',
    )
    parts[rels] = xml.encode()


def _add_override(parts: dict[str, bytes], part: str, content_type: str) -> None:
    xml = _text(parts, "[Content_Types].xml").replace(
        "</Types>", f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>'
    )
    parts["[Content_Types].xml"] = xml.encode()


def _inject(parts: dict[str, bytes]) -> None:
    _participants_extras(parts)
    _panel(parts)
    _workbook_extras(parts)
    ct = _text(parts, "[Content_Types].xml").replace(
        "<Override", '<Default Extension="png" ContentType="image/png"/>'
        '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.'
        'vmlDrawing"/><Override', 1,
    )
    parts["[Content_Types].xml"] = ct.encode()


def _participants_extras(parts: dict[str, bytes]) -> None:
    """mc:Ignorable x14ac on rows, x14 sparklines in extLst, and a calc chain for the formulas."""
    name = "xl/worksheets/sheet1.xml"
    xml = _text(parts, name)
    xml = xml.replace(
        f'<worksheet xmlns="{MAIN}"',
        f'<worksheet xmlns="{MAIN}" xmlns:r="{R}" xmlns:mc="{MC}" xmlns:x14ac="{X14AC}" '
        'mc:Ignorable="x14ac"',
        1,
    )
    xml = re.sub(r'<row r="(\d+)"', r'<row r="\1" x14ac:dyDescent="0.25"', xml)
    xml = xml.replace(
        "</worksheet>",
        f'<extLst><ext uri="{{05C60535-1F16-4fd2-B633-F4F36F0B64E0}}" xmlns:x14="{X14}">'
        '<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
        '<x14:sparklineGroup displayEmptyCellsAs="gap"><x14:colorSeries rgb="FF376092"/>'
        '<x14:sparklines><x14:sparkline><xm:f>Uczestnicy!E2:E5</xm:f><xm:sqref>F2</xm:sqref>'
        "</x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups>"
        "</ext></extLst></worksheet>",
    )
    parts[name] = xml.encode()
    parts["xl/calcChain.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><calcChain xmlns="{MAIN}">'
        + "".join(f'<c r="E{r}" i="1"/>' for r in range(2, N_PARTICIPANTS + 2))
        + "</calcChain>"
    ).encode()
    _add_rel(parts, "xl/_rels/workbook.xml.rels", "rIdCalc", "calcChain", "calcChain.xml")
    _add_override(parts, "xl/calcChain.xml", CT + "spreadsheetml.calcChain+xml")


def _panel(parts: dict[str, bytes]) -> None:
    """Sheet 3: drawing (shape, text box, picture, slicer), form control, slicer list."""
    anchor = (
        "<xdr:from><xdr:col>{0}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{1}</xdr:row>"
        "<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{2}</xdr:col><xdr:colOff>0"
        "</xdr:colOff><xdr:row>{3}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
    )
    shape = (
        '<xdr:twoCellAnchor>' + anchor.format(1, 2, 4, 6)
        + '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="2" name="Strzałka 1"/>'
        "<xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"1\" "
        'cy="1"/></a:xfrm><a:prstGeom prst="rightArrow"><a:avLst/></a:prstGeom>'
        '<a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></xdr:spPr></xdr:sp>'
        "<xdr:clientData/></xdr:twoCellAnchor>"
    )
    textbox = (
        '<xdr:twoCellAnchor>' + anchor.format(5, 2, 9, 6)
        + '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="3" name="Pole tekstowe 2"/>'
        '<xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext '
        'cx="1" cy="1"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>'
        '<xdr:txBody><a:bodyPr wrap="square"/><a:lstStyle/><a:p><a:r><a:rPr lang="pl-PL"/>'
        "<a:t>Notatka koordynatora: zadzwonić do PUP</a:t></a:r></a:p></xdr:txBody></xdr:sp>"
        "<xdr:clientData/></xdr:twoCellAnchor>"
    )
    picture = (
        '<xdr:twoCellAnchor editAs="oneCell">' + anchor.format(1, 8, 3, 12)
        + '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="4" name="Logo"/><xdr:cNvPicPr/></xdr:nvPicPr>'
        f'<xdr:blipFill><a:blip xmlns:r="{R}" r:embed="rIdImg"/><a:stretch><a:fillRect/>'
        '</a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1" '
        'cy="1"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>'
        "<xdr:clientData/></xdr:twoCellAnchor>"
    )
    slicer_frame = (
        '<mc:AlternateContent xmlns:mc="' + MC + '"><mc:Choice xmlns:sle15="http://schemas.'
        'microsoft.com/office/drawing/2012/slicer" Requires="sle15"><xdr:twoCellAnchor>'
        + anchor.format(10, 2, 13, 10)
        + '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="5" name="Kategoria"/>'
        "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x=\"0\" y=\"0\"/>"
        '<a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.'
        'microsoft.com/office/drawing/2010/slicer"><sle:slicer xmlns:sle="http://schemas.'
        'microsoft.com/office/drawing/2010/slicer" name="Kategoria"/></a:graphicData>'
        "</a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></mc:Choice>"
        "<mc:Fallback/></mc:AlternateContent>"
    )
    parts["xl/drawings/drawing1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xdr:wsDr xmlns:xdr="{XDR}" '
        f'xmlns:a="{A}">{shape}{textbox}{picture}{slicer_frame}</xdr:wsDr>'
    ).encode()
    _add_rel(parts, "xl/drawings/_rels/drawing1.xml.rels", "rIdImg", "image", "../media/image1.png")
    parts["xl/media/image1.png"] = tiny_png()
    parts["xl/drawings/vmlDrawing9.vml"] = (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:'
        'office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit">'
        '<o:idmap v:ext="edit" data="9"/></o:shapelayout><v:shapetype id="_x0000_t201" '
        'coordsize="21600,21600" o:spt="201" path="m,l,21600r21600,l21600,xe"><v:stroke '
        'joinstyle="miter"/><v:path shadowok="f" o:extrusionok="f" strokeok="f" fillok="f" '
        'o:connecttype="rect"/></v:shapetype><v:shape id="_x0000_s9217" type="#_x0000_t201" '
        'style="position:absolute;margin-left:20pt;margin-top:200pt;width:90pt;height:18pt" '
        'filled="f" stroked="f"><v:textbox style="mso-direction-alt:auto" o:singleclick="f">'
        '<div style="text-align:left"><font face="Calibri" size="220">Zaświadczenie wydane'
        '</font></div></v:textbox><x:ClientData ObjectType="Checkbox"><x:Anchor>1, 0, 14, 0, '
        "3, 0, 15, 0</x:Anchor><x:AutoFill>False</x:AutoFill><x:AutoLine>False</x:AutoLine>"
        "<x:TextVAlign>Center</x:TextVAlign><x:Checked>1</x:Checked><x:NoThreeD/>"
        "</x:ClientData></v:shape></xml>"
    ).encode()
    parts["xl/ctrlProps/ctrlProp1.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><formControlPr '
        f'xmlns="{X14}" objectType="CheckBox" checked="Checked" lockText="1" noThreeD="1"/>'
    ).encode()
    parts["xl/slicers/slicer1.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><slicers xmlns="' + X14 + '" '
        f'xmlns:mc="{MC}" mc:Ignorable="x xr10" xmlns:x="{MAIN}" xmlns:xr10="http://schemas.'
        'microsoft.com/office/spreadsheetml/2016/revision10"><slicer name="Kategoria" '
        'cache="Fragmentator_Kategoria" caption="Kategoria" rowHeight="241300"/></slicers>'
    ).encode()
    parts["xl/slicerCaches/slicerCache1.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><slicerCacheDefinition '
        f'xmlns="{X14}" xmlns:mc="{MC}" mc:Ignorable="x" xmlns:x="{MAIN}" '
        'name="Fragmentator_Kategoria" sourceName="Kategoria"><extLst><x:ext '
        'uri="{2F2917AC-EB37-4324-AD4E-5DD8C200BD13}" xmlns:x15="' + X15 + '"><x15:'
        'tableSlicerCache tableId="1" column="3"/></x:ext></extLst></slicerCacheDefinition>'
    ).encode()
    parts["xl/worksheets/sheet3.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN}" '
        f'xmlns:r="{R}" xmlns:mc="{MC}" xmlns:x14ac="{X14AC}" mc:Ignorable="x14ac">'
        '<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData><row r="1">'
        '<c r="A1" t="inlineStr"><is><t>Pulpit koordynatora</t></is></c></row></sheetData>'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
        'footer="0.3"/><drawing r:id="rIdDr"/><legacyDrawing r:id="rIdVml"/>'
        '<mc:AlternateContent><mc:Choice Requires="x14"><controls><mc:AlternateContent>'
        '<mc:Choice Requires="x14"><control shapeId="9217" r:id="rIdCtrl" name="Pole wyboru 1">'
        '<controlPr defaultSize="0" autoFill="0" autoLine="0" autoPict="0"><anchor '
        'moveWithCells="1"><from><xdr:col xmlns:xdr="' + XDR + '">1</xdr:col><xdr:colOff '
        'xmlns:xdr="' + XDR + '">0</xdr:colOff><xdr:row xmlns:xdr="' + XDR + '">14</xdr:row>'
        '<xdr:rowOff xmlns:xdr="' + XDR + '">0</xdr:rowOff></from><to><xdr:col xmlns:xdr="'
        + XDR + '">3</xdr:col><xdr:colOff xmlns:xdr="' + XDR + '">0</xdr:colOff><xdr:row '
        'xmlns:xdr="' + XDR + '">15</xdr:row><xdr:rowOff xmlns:xdr="' + XDR + '">0</xdr:rowOff>'
        "</to></anchor></controlPr></control></mc:Choice></mc:AlternateContent></controls>"
        "</mc:Choice></mc:AlternateContent>"
        f'<extLst><ext uri="{{3A4CF648-6AED-40f4-86FF-DC5316D8AED3}}" xmlns:x14="{X14}">'
        '<x14:slicerList><x14:slicer r:id="rIdSl"/></x14:slicerList></ext></extLst>'
        "</worksheet>"
    ).encode()
    rels = "xl/worksheets/_rels/sheet3.xml.rels"
    parts.pop(rels, None)
    _add_rel(parts, rels, "rIdDr", "drawing", "../drawings/drawing1.xml")
    _add_rel(parts, rels, "rIdVml", "vmlDrawing", "../drawings/vmlDrawing9.vml")
    _add_rel(parts, rels, "rIdCtrl", "ctrlProp", "../ctrlProps/ctrlProp1.xml")
    _add_rel(
        parts, rels, "rIdSl", "http://schemas.microsoft.com/office/2007/relationships/slicer",
        "../slicers/slicer1.xml",
    )
    _add_override(parts, "xl/drawings/drawing1.xml", CT + "drawing+xml")
    _add_override(
        parts, "xl/ctrlProps/ctrlProp1.xml", "application/vnd.ms-excel.controlproperties+xml"
    )
    _add_override(parts, "xl/slicers/slicer1.xml", "application/vnd.ms-excel.slicer+xml")
    _add_override(
        parts, "xl/slicerCaches/slicerCache1.xml", "application/vnd.ms-excel.slicerCache+xml"
    )


def _workbook_extras(parts: dict[str, bytes]) -> None:
    """Pivot cache (definition + records) and the slicer cache list in workbook.xml's extLst."""
    n = N_PARTICIPANTS
    parts["xl/pivotCache/pivotCacheDefinition1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><pivotCacheDefinition '
        f'xmlns="{MAIN}" xmlns:r="{R}" r:id="rId1" refreshOnLoad="1" recordCount="{n}">'
        f'<cacheSource type="worksheet"><worksheetSource ref="A1:C{n + 1}" sheet="{PARTICIPANTS}"/>'
        '</cacheSource><cacheFields count="1"><cacheField name="Kategoria" numFmtId="0">'
        '<sharedItems count="1"><s v="bezdomność"/></sharedItems></cacheField></cacheFields>'
        "</pivotCacheDefinition>"
    ).encode()
    parts["xl/pivotCache/pivotCacheRecords1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><pivotCacheRecords '
        f'xmlns="{MAIN}" count="{n}">' + '<r><x v="0"/></r>' * n + "</pivotCacheRecords>"
    ).encode()
    _add_rel(
        parts, "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels", "rId1",
        "pivotCacheRecords", "pivotCacheRecords1.xml",
    )
    _add_override(
        parts, "xl/pivotCache/pivotCacheDefinition1.xml",
        CT + "spreadsheetml.pivotCacheDefinition+xml",
    )
    _add_override(
        parts, "xl/pivotCache/pivotCacheRecords1.xml", CT + "spreadsheetml.pivotCacheRecords+xml"
    )
    wb_rels = "xl/_rels/workbook.xml.rels"
    _add_rel(
        parts, wb_rels, "rIdPivot", "pivotCacheDefinition", "pivotCache/pivotCacheDefinition1.xml"
    )
    _add_rel(
        parts, wb_rels, "rIdSlc",
        "http://schemas.microsoft.com/office/2007/relationships/slicerCache",
        "slicerCaches/slicerCache1.xml",
    )
    xml = _text(parts, "xl/workbook.xml")
    xml = xml.replace(f'<workbook xmlns="{MAIN}"', f'<workbook xmlns="{MAIN}" xmlns:r="{R}"', 1)
    pivot = '<pivotCaches><pivotCache cacheId="1" r:id="rIdPivot"/></pivotCaches>'
    ext = (
        f'<extLst><ext uri="{{BBE1A952-AA13-448e-AADC-164F8A28A991}}" xmlns:x14="{X14}">'
        '<x14:slicerCaches><x14:slicerCache r:id="rIdSlc"/></x14:slicerCaches></ext></extLst>'
    )
    xml = re.sub(r"(<calcPr[^>]*/>)", r"\1" + pivot, xml)
    xml = xml.replace("</workbook>", ext + "</workbook>")
    parts["xl/workbook.xml"] = xml.encode()
