"""The public input contract: tables, their columns, Chinese header aliases and which columns are required."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    """One column of an input table: its English name, accepted aliases and kind."""

    name: str
    kind: str = "text"  # text | classes | date | int01 | money | label
    required: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    """One input table of the contract."""

    name: str
    columns: tuple[Column, ...] = field(default_factory=tuple)
    zh: str = ""  # the table's name in Chinese, for messages

    def title(self, lang: str) -> str:
        """The table's name in `lang` (filings / 申请数据)."""
        return self.zh if lang == "zh" and self.zh else self.name

    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


FILINGS = TableSpec(
    "filings",
    (
        Column("filing_id", required=True, aliases=("申请号", "注册号", "申请/注册号")),
        Column("mark_text", required=True, aliases=("商标名称", "商标", "商标文字")),
        Column("nice_class", "classes", required=True, aliases=("类别", "国际分类", "国际分类号", "类别号")),
        Column("filing_date", "date", required=True, aliases=("申请日期", "申请日")),
        Column("applicant_name", required=True, aliases=("申请人名称", "申请人", "申请人名称(中文)")),
        Column("applicant_id", aliases=("申请人编号", "统一社会信用代码", "申请人证件号")),
        Column("applicant_address", aliases=("申请人地址", "申请人地址(中文)")),
        Column("agent", aliases=("代理机构", "代理机构名称", "代理人")),
        Column("goods", aliases=("商品/服务", "商品服务", "商品/服务项目", "指定商品")),
        Column("status", aliases=("商标状态", "状态")),
        Column("assignee", aliases=("受让人", "受让人名称")),
    ),
    "申请数据",
)

APPLICANTS = TableSpec(
    "applicants",
    (
        Column("applicant_id", required=True, aliases=("申请人编号", "统一社会信用代码")),
        Column("name", aliases=("名称", "企业名称", "申请人名称")),
        Column("entity_type", aliases=("主体类型", "类型")),
        Column("address", aliases=("地址", "住所")),
        Column("phone", aliases=("电话", "联系电话")),
        Column("email", aliases=("邮箱", "电子邮箱")),
        Column("legal_representative", aliases=("法定代表人",)),
        Column("contact_person", aliases=("联系人",)),
        Column("shareholders", aliases=("股东",)),
        Column("registered_capital", "money", aliases=("注册资本",)),
        Column("established_date", "date", aliases=("成立日期",)),
        Column("business_scope", aliases=("经营范围",)),
        Column("registry_status", aliases=("登记状态", "经营状态")),
    ),
    "申请人数据",
)

REGISTER = TableSpec(
    "register",
    (
        Column("registration_no", required=True, aliases=("注册号",)),
        Column("mark_text", required=True, aliases=("商标名称", "商标")),
        Column("nice_class", "classes", required=True, aliases=("类别", "国际分类")),
        Column("owner_name", required=True, aliases=("注册人", "权利人", "注册人名称")),
        Column("owner_id", aliases=("注册人编号",)),
        Column("famous", "int01", aliases=("驰名", "驰名商标")),
        Column("status", aliases=("商标状态", "状态")),
    ),
    "在先商标",
)

LABELS = TableSpec(
    "labels",
    (
        Column("applicant_id", required=True, aliases=("申请人编号",)),
        Column("label", "int01", required=True, aliases=("标签",)),
        Column("category", aliases=("类别",)),
    ),
    "标签",
)

TABLES = {t.name: t for t in (FILINGS, APPLICANTS, REGISTER, LABELS)}
