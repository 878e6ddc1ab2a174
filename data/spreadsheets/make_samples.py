"""Write the bundled SYNTHETIC departmental progress spreadsheets (目标任务完成情况表).

    python data/spreadsheets/make_samples.py

Deterministic: the same script writes byte-identical files.  The figures are
invented for testing and demonstration; they are NOT official statistics.  The
targets are those of the 2024 government work report of 巴中市
(data/reports/bazhong-2024-government-work-report.txt, part 二); the progress values
are plausible inventions: some ahead of time-proportional progress, some behind,
one 待统计, and two deliberately bad rows so that quarantine is visible.

Layouts vary on purpose (title and info rows, a two-row merged header, the period
only in the file name, a header period combined with the title's year, department
and period columns, a 说明 sheet, 合计 and 注： rows, GBK / UTF-8-BOM CSV, .xls,
a multi-sheet workbook): see README.md in this folder.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter
import xlwt

HERE = Path(__file__).resolve().parent
OUT = HERE / "巴中市"
REGION = "巴中市"
YEAR = 2024
PERIODS = {"H1": "2024年1-6月", "Q3": "2024年1-9月"}
CREATED = dt.datetime(2024, 10, 15, 9, 0, 0)
TITLE = f"{REGION}{YEAR}年目标任务完成情况表"

Row = list[object]
Merge = tuple[int, int, int, int]

# Each indicator: (wording, unit, annual target as written, {period: (value, growth)}).
# value/growth None = not reported (cell left blank), "待统计" = not yet available.
STATS = [
    ("地区生产总值", "亿元", "6%", {"H1": (421.36, 5.6), "Q3": (640.52, 5.9)}),
    ("第一产业增加值", "亿元", "3%", {"H1": (56.12, 3.4), "Q3": (98.75, 3.6)}),
    ("第二产业增加值", "亿元", "7%", {"H1": (102.85, 6.2), "Q3": (158.33, 7.1)}),
    ("第三产业增加值", "亿元", "7%", {"H1": (262.39, 6.9), "Q3": (383.44, 6.5)}),
    ("规模以上工业增加值", "亿元", "8%", {"H1": (None, 8.9), "Q3": (None, 8.4)}),
    ("建筑业增加值", "亿元", "7%", {"H1": (None, 6.1), "Q3": (None, 6.8)}),
    ("固定资产投资", "亿元", "5%", {"H1": (None, 4.2), "Q3": (None, 5.3)}),
    ("社会消费品零售总额", "亿元", "8%", {"H1": (236.83, 7.1), "Q3": (361.2, 7.6)}),
    ("居民消费价格涨幅", "%", "3%左右", {"H1": (0.4, None), "Q3": (0.6, None)}),
    ("城镇居民人均可支配收入", "元", "稳步增长", {"H1": (21560, 4.6), "Q3": (31890, 4.9)}),
    ("农村居民人均可支配收入", "元", "不低于全省平均水平", {"H1": (9120, 6.8), "Q3": (13460, 6.5)}),
]
ECON_INFO = [  # 市经信局: two-row merged header
    ("三大工业主导产业产值占比", "%", "62", {"H1": (60.8, None), "Q3": (61.5, None)}),
    ("工业投资", "亿元", "10%", {"H1": (58.3, 11.2), "Q3": (86.5, 10.4)}),
    ("技改投资", "亿元", "10%", {"H1": (None, 8.7), "Q3": (None, 10.6)}),
    ("新增规上工业企业", "家", "30", {"H1": (12, None), "Q3": (21, None)}),
    ("培育“专精特新”企业", "家", "2", {"H1": (1, None), "Q3": (2, None)}),
    (
        "新建标准化厂房",
        "万平方米",
        "30",
        {"H1": ("12.6万平方米", None), "Q3": ("21.5万平方米", None)},
    ),
    ("竣工投产数字产线", "条", "10", {"H1": (4, None), "Q3": (7, None)}),
    ("新引进三大主导产业投资超5亿元项目", "个", "10", {"H1": (6, None), "Q3": (8, None)}),
]
COMMERCE = [  # 市商务局: GBK CSV, period only in the file name
    ("进出口总额", "亿元", "10%", {"H1": ("5.62", "12.4"), "Q3": ("8.31", "9.1")}),
    ("实际利用外资", "万美元", "550", {"H1": ("180", None), "Q3": ("420", None)}),
    ("新增限上规上企业", "家", "60", {"H1": ("25", None), "Q3": ("41", None)}),
    ("打造省市级消费新场景", "个", "12", {"H1": ("5", None), "Q3": ("9", None)}),
]
HRSS = [  # 市人社局: UTF-8 CSV with BOM, a 注： row
    ("城镇新增就业", "万人", "2.8", {"H1": ("1.62", None), "Q3": ("2.31", None)}),
    ("组织职业技能培训", "万人次", "2", {"H1": ("0.86", None), "Q3": ("1.52", None)}),
    ("基本养老保险参保率", "%", "98", {"H1": ("97.6", None), "Q3": ("98.1", None)}),
]
HOUSING = [  # 市住建局: a 合计 row; in Q3 a unit that contradicts the unit column
    ("改造老旧小区", "个", 113, {"H1": (58, None), "Q3": (96, None)}),
    ("加装电梯", "部", 150, {"H1": (61, None), "Q3": (104, None)}),
    ("改造燃气管道", "公里", 638, {"H1": (262, None), "Q3": (455, None)}),
    ("改造供水管道", "公里", 43, {"H1": (15.3, None), "Q3": (31, None)}),
    ("改造排水管道", "公里", 138, {"H1": (52.6, None), "Q3": (97.2, None)}),
    ("完成“保交楼”任务", "套", 4670, {"H1": (2180, None), "Q3": (3560, None)}),
    ("筹集建设保障性住房", "套", 7006, {"H1": (3120, None), "Q3": (5200, None)}),
    ("改造棚户区（城市危旧房）", "户", 1715, {"H1": (690, None), "Q3": (1320, None)}),
    ("改造农村危房", "户", 4500, {"H1": (1800, None), "Q3": (3400, None)}),
]
AGRI = [  # 市农业农村局: 待统计 in H1; a bad value in Q3
    ("新（改）建高标准农田", "万亩", 27.7, {"H1": (11.8, None), "Q3": (19.6, None)}),
    ("粮食总产量", "万吨", 195, {"H1": ("待统计", None), "Q3": (196.3, None)}),
    ("出栏生猪", "万头", 330, {"H1": (171.2, None), "Q3": (248.6, None)}),
    ("标准化种植商品蔬菜", "万亩", 1, {"H1": (0.62, None), "Q3": (0.91, None)}),
    ("改造低产低效茶园", "万亩", 3, {"H1": (1.1, None), "Q3": (2.2, None)}),
    ("巴山肉牛饲养量增长", "%", 8, {"H1": (6.3, None), "Q3": (8.5, None)}),
    ("南江黄羊饲养量增长", "%", 8, {"H1": (7.2, None), "Q3": ("见附表", None)}),
    ("创建省市星级现代农业园区", "个", 13, {"H1": (4, None), "Q3": (9, None)}),
    ("培育宜居宜业和美乡村", "个", 50, {"H1": (18, None), "Q3": (35, None)}),
]
DRC = [  # 市发改委: Q3 header "1-9月累计完成", year from the title, department column
    ("省市重点项目完成投资", "亿元", "410", {"H1": (226.4, None), "Q3": (318.7, None)}),
    ("其中：产业投资", "亿元", "150", {"H1": (71.2, None), "Q3": (108.9, None)}),
    ("新储备项目", "个", "700", {"H1": (402, None), "Q3": (566, None)}),
    ("争取中省预算内投资和债券资金", "亿元", "60", {"H1": (38.6, None), "Q3": (52.3, None)}),
    ("民间投资", "亿元", "5%", {"H1": (None, 3.1), "Q3": (None, 4.2)}),
    ("引进投资超10亿元重大产业项目", "个", "20", {"H1": (9, None), "Q3": (14, None)}),
]
FINANCE = [  # 市财政局: department and period columns, both periods in one file
    ("地方一般公共预算收入", "亿元", "7%", {"H1": ("28.6", "7.4"), "Q3": ("41.2", "6.8")}),
    ("其中：税收收入", "亿元", "", {"H1": ("17.9", "5.2"), "Q3": ("26.3", "5.9")}),
]
SCIENCE = [  # 市科技局: .xls
    ("新增国家高新技术企业", "户", 10, {"H1": (4, None), "Q3": (7, None)}),
    ("备案入库科技型中小企业", "户", 220, {"H1": (132, None), "Q3": (198, None)}),
    ("引进转化科技成果", "项", 35, {"H1": (14, None), "Q3": (26, None)}),
    ("高新技术产业主营业务收入", "亿元", 150, {"H1": (71.5, None), "Q3": (110.2, None)}),
    ("新增省级工程技术研究中心", "家", 2, {"H1": (1, None), "Q3": (2, None)}),
]
# 市直部门 workbook: one sheet per department
OTHERS: dict[str, tuple[str, list[tuple[str, str, object, dict[str, tuple[object, object]]]]]] = {
    "交通": (
        "市交通运输局",
        [
            ("新（改）建农村公路", "公里", 800, {"H1": (352, None), "Q3": (571, None)}),
        ],
    ),
    "林业": (
        "市林业局",
        [
            ("完成营造林", "万亩", 16, {"H1": (9.8, None), "Q3": (13.1, None)}),
        ],
    ),
    "水利": (
        "市水利局",
        [
            ("综合治理水土流失", "平方公里", 190, {"H1": (82, None), "Q3": (131, None)}),
        ],
    ),
    "卫健": (
        "市卫生健康委",
        [
            ("新建县域医疗卫生次中心", "个", 5, {"H1": (2, None), "Q3": (3, None)}),
            ("新增普惠性托位", "个", 2500, {"H1": (1130, None), "Q3": (1960, None)}),
        ],
    ),
    "教育": (
        "市教育局",
        [
            (
                "新增义务教育、公办学前教育学位",
                "个",
                3000,
                {"H1": (1460, None), "Q3": (2710, None)},
            ),
            ("新（改扩）建学校项目", "个", 60, {"H1": (27, None), "Q3": (41, None)}),
        ],
    ),
    "文旅": (
        "市文化广播电视和旅游局",
        [
            ("接待游客人次", "万人次", "25%", {"H1": (None, 27.3), "Q3": (None, 26.1)}),
            ("旅游综合收入", "亿元", "25%", {"H1": (None, 26.1), "Q3": (None, 24.2)}),
        ],
    ),
    "民政": (
        "市民政局",
        [
            ("新增养老服务床位", "张", 1000, {"H1": (420, None), "Q3": (690, None)}),
        ],
    ),
    "金融": (
        "市金融工作局",
        [
            ("“1+3”主导产业贷款余额增长", "%", 15, {"H1": (13.2, None), "Q3": (14.1, None)}),
            ("新增省上市后备企业", "家", 3, {"H1": (1, None), "Q3": (1, None)}),
        ],
    ),
}

EXPLAIN = [
    ["填表说明"],
    ["1. 完成值按计量单位填写数字；增速填百分数的数字（5.8 表示增长5.8%）。"],
    ["2. 暂无数据的填“待统计”，不要填0；无此项的填“—”。"],
    ["3. 本表为合成示例数据（SYNTHETIC），不是官方统计数据。"],
]


def blank(x: object) -> object:
    return "" if x is None else x


# --- writers --------------------------------------------------------------------------


def xlsx(path: Path, sheets: Sequence[tuple[str, list[Row], list[Merge]]]) -> None:
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": CREATED, "author": "gwr-warehouse synthetic sample"})
    f_title = wb.add_format({"bold": True, "font_size": 14, "align": "center"})
    f_head = wb.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter"})
    f_cell = wb.add_format({"border": 1})
    for name, rows, merges in sheets:
        ws = wb.add_worksheet(name)
        covered: set[tuple[int, int]] = set()
        for r0, c0, r1, c1 in merges:
            fmt = f_title if r0 == 0 else f_head
            ws.merge_range(r0, c0, r1, c1, rows[r0][c0], fmt)
            covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if (r, c) in covered or v == "" or v is None:
                    continue
                if isinstance(v, int | float):
                    ws.write_number(r, c, v, f_cell)
                else:
                    ws.write_string(r, c, str(v))
        ws.set_column(0, 0, 6)
        ws.set_column(1, 1, 34)
        ws.set_column(2, 8, 12)
    wb.close()


def xls(path: Path, rows: list[Row], name: str) -> None:
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(name)
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v != "" and v is not None:
                ws.write(r, c, v)
    wb.save(str(path))


def csv_file(path: Path, rows: list[Row], encoding: str, bom: bool = False) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([[blank(v) for v in r] for r in rows])
    data = buf.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


# --- layouts --------------------------------------------------------------------------


def standard(dept: str, key: str, items: list, *, header_value: str = "完成值") -> list[Row]:
    """Title, info row (填报单位 + 统计期), header, rows."""
    rows: list[Row] = [
        [TITLE],
        [f"填报单位：{dept}", "", "", "", "统计期：", PERIODS[key]],
        ["序号", "指标名称", "计量单位", "年度目标", header_value, "增速（%）", "备注"],
    ]
    for i, (name, unit, target, vals) in enumerate(items, start=1):
        value, growth = vals[key]
        rows.append([i, name, unit, target, blank(value), blank(growth), ""])
    return rows


def write_all(out_dir: Path = OUT) -> list[Path]:
    """Write every sample into ``out_dir`` (default: the 巴中市 folder beside this script)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def out(name: str) -> Path:
        p = out_dir / name
        written.append(p)
        return p

    for key, label in PERIODS.items():
        months = label[5:]  # "1-6月"

        # 市统计局: standard layout, a 说明 sheet before the data
        rows = standard("市统计局", key, STATS)
        rows.append(["注：地区生产总值及各产业增加值为初步核算数，增速按可比价格计算。"])
        xlsx(
            out(f"市统计局_{label}.xlsx"),
            [("说明", EXPLAIN, []), ("主要经济指标", rows, [(0, 0, 0, 6)])],
        )

        # 市经信局: two-row header, "1-6月" merged over 完成值 | 增速（%）
        rows = [
            [TITLE, "", "", "", "", ""],
            ["填报单位：市经济和信息化局", "", "", "统计期：", label, ""],
            ["序号", "指标名称", "计量单位", months, "", "全年目标"],
            ["", "", "", "完成值", "增速（%）", ""],
        ]
        for i, (name, unit, target, vals) in enumerate(ECON_INFO, start=1):
            value, growth = vals[key]
            rows.append([i, name, unit, blank(value), blank(growth), target])
        merges = [
            (0, 0, 0, 5),
            (2, 0, 3, 0),
            (2, 1, 3, 1),
            (2, 2, 3, 2),
            (2, 3, 2, 4),
            (2, 5, 3, 5),
        ]
        xlsx(out(f"市经信局_{label}.xlsx"), [("工业", rows, merges)])

        # 市商务局: GBK CSV, department in an info row, period only in the file name
        rows = [
            ["巴中市商务领域目标任务完成情况"],
            ["填报单位：市商务局"],
            ["指标", "单位", "目标值", "累计完成", "同比增长", "备注"],
        ]
        for name, unit, target, vals in COMMERCE:
            value, growth = vals[key]
            rows.append([name, unit, target, blank(value), blank(growth), ""])
        csv_file(out(f"市商务局_{label}.csv"), rows, "gbk")

        # 市人社局: UTF-8 CSV with BOM, a 注： row
        rows = [
            [f"市人力资源和社会保障局{label}目标任务完成情况"],
            ["填报单位：市人力资源和社会保障局", "", "统计期：", label],
            ["主要指标", "计量单位", "全年目标", "实际完成", "备注"],
        ]
        for name, unit, target, vals in HRSS:
            rows.append([name, unit, target, vals[key][0], ""])
        rows.append(["注：城镇新增就业为实名制统计数。"])
        csv_file(out(f"市人社局_{label}.csv"), rows, "utf-8", bom=True)

        # 市住建局: a 合计 row; in Q3 one row whose value contradicts its unit
        rows = standard("市住房和城乡建设局", key, HOUSING)
        pipes = [r for r in rows[3:] if str(r[1]).endswith("管道")]
        rows.insert(
            3 + len(HOUSING[:5]),
            [
                "",
                "合计（管网改造）",
                "公里",
                819,
                round(sum(float(r[4]) for r in pipes), 1),
                "",
                "",
            ],
        )
        if key == "Q3":
            rows.append(
                [len(HOUSING) + 1, "新建公共消防设施", "处", 278, "85万元", "", "按投资额填报"]
            )
        xlsx(out(f"市住建局_{label}.xlsx"), [("城建", rows, [(0, 0, 0, 6)])])

        # 市农业农村局: （盖章） in the info row, 待统计 in H1, a bad value in Q3
        rows = [
            [TITLE],
            ["填报单位：市农业农村局（盖章）", "", "", "统计期：", label],
            ["序号", "指标名称", "单位", "年度目标", f"{months}完成", "备注"],
        ]
        for i, (name, unit, target, vals) in enumerate(AGRI, start=1):
            value = vals[key][0]
            note = "秋粮未收获，待统计" if value == "待统计" else ""
            rows.append([i, name, unit, target, value, note])
        xlsx(out(f"市农业农村局_{label}.xlsx"), [("农业农村", rows, [(0, 0, 0, 5)])])

        # 市发改委: H1 standard; Q3 header period "1-9月累计完成" + the title's year,
        # department from a 牵头单位 column, no 统计期 anywhere
        if key == "H1":
            rows = standard("市发展和改革委员会", key, DRC)
            xlsx(out(f"市发改委_{label}.xlsx"), [("投资", rows, [(0, 0, 0, 6)])])
        else:
            rows = [
                [f"{REGION}{YEAR}年重点投资目标任务推进情况"],
                ["目标任务", "单位", "全年目标", f"{months}累计完成", "同比增长", "牵头单位"],
            ]
            for name, unit, target, vals in DRC:
                value, growth = vals[key]
                rows.append([name, unit, target, blank(value), blank(growth), "市发展和改革委员会"])
            xlsx(out("市发改委_重点投资推进情况.xlsx"), [("投资", rows, [])])

        # 市科技局: .xls
        rows = standard("市科学技术局", key, SCIENCE)
        rows[0] = [f"{REGION}{YEAR}年科技创新目标任务完成情况表"]
        xls(out(f"市科技局_{label}.xls"), rows, "科技")

        # 市直部门: one workbook, one sheet per department
        sheets = [("填表说明", EXPLAIN, [])]
        for sheet, (dept, items) in OTHERS.items():
            sheets.append((sheet, standard(dept, key, items), [(0, 0, 0, 6)]))
        xlsx(out(f"市直部门目标任务完成情况_{label}.xlsx"), sheets)

    # 市财政局: both periods in one UTF-8 CSV, department and period columns
    rows = [
        ["巴中市财政收入目标完成情况"],
        ["序号", "指标名称", "单位", "完成值", "增长(%)", "年度目标", "责任单位", "统计期"],
    ]
    i = 0
    for key, label in PERIODS.items():
        for name, unit, target, vals in FINANCE:
            i += 1
            value, growth = vals[key]
            rows.append([i, name, unit, value, growth, target, "市财政局", label])
    csv_file(out("巴中市财政收入完成情况.csv"), rows, "utf-8")
    return written


if __name__ == "__main__":
    for p in write_all():
        print(p.relative_to(HERE))
