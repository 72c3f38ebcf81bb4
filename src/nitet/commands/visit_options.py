"""The options of ``nitet visit ...`` commands, named once and shared by add, edit and list."""

from __future__ import annotations

from typing import Annotated

import typer

from nitet.cli.completion import complete_case, complete_school
from nitet.cli.options import IntOption, SupervisorFilter
from nitet.core.i18n import t

SchoolOpt = Annotated[str | None, typer.Option("--school", help=t(
    "รหัสโรงเรียน รหัส SMIS/สพฐ. ชื่อ หรือส่วนหนึ่งของชื่อ", "school code, SMIS/OBEC code, name or part of it"),
    autocompletion=complete_school)]
KindOpt = Annotated[str | None, typer.Option("--kind", help=t(
    "school-based (โรงเรียนเป็นฐาน) หรือ project-based (โครงการเป็นฐาน; ค่าเริ่มต้นเมื่อระบุ --project)",
    "school-based or project-based (the default with --project)"))]
ProjectOpt = Annotated[str | None, typer.Option("--project", help=t(
    "โครงการ เช่น dltv, reading หรือรหัสโครงการในแผน", "project, e.g. dltv, reading or a plan id"))]
MethodOpt = Annotated[list[str] | None, typer.Option("--method", help=t(
    "วิธีการนิเทศ (ซ้ำได้): observation coaching mentoring plc document-review meeting online ...",
    "method (repeatable): observation coaching mentoring plc document-review meeting online ..."))]
SuperviseeOpt = Annotated[list[str] | None, typer.Option("--supervisee", help=t(
    "ผู้รับการนิเทศ \"ชื่อ|ตำแหน่ง|กลุ่มสาระ|ชั้น\" (ซ้ำได้)", "supervisee \"name|position|subject|grade\" (repeatable)"))]
TopicOpt = Annotated[list[str] | None, typer.Option("--topic", help=t("เรื่องที่นิเทศ (ซ้ำได้)", "topic (repeatable)"))]
FindingOpt = Annotated[list[str] | None, typer.Option("--finding", help=t("ผลการนิเทศ", "findings"))]
StrengthOpt = Annotated[list[str] | None, typer.Option("--strength", help=t("จุดเด่น", "strengths"))]
ImprovementOpt = Annotated[list[str] | None, typer.Option("--improvement", help=t("จุดที่ควรพัฒนา", "to improve"))]
SuggestionOpt = Annotated[list[str] | None, typer.Option("--suggestion", help=t("ข้อเสนอแนะ", "suggestions"))]
FollowUpOpt = Annotated[str | None, typer.Option("--follow-up", help=t("วันที่ติดตามผล", "follow-up date"))]
FollowActionOpt = Annotated[str | None, typer.Option("--follow-up-action", help=t("สิ่งที่จะติดตาม", "what to follow up"))]
CaseOpt = Annotated[str | None, typer.Option("--case", help=t("รหัสงานตามกระบวนงานที่การนิเทศนี้เป็นส่วนหนึ่ง",
                                                            "the case this visit belongs to"), autocompletion=complete_case)]
StepOpt = Annotated[str | None, typer.Option("--step", help=t("เลขขั้นตอนของงาน เช่น 4.2.1", "step of the case, e.g. 4.2.1"))]
SupervisorOpt = Annotated[list[str] | None, typer.Option("--supervisor", help=t(
    "ผู้นิเทศ (ซ้ำได้; ค่าเริ่มต้น: ผู้นิเทศของสำเนานี้ ดู nitet whoami)",
    "supervisor (repeatable; default: this clone's supervisor, see nitet whoami)"))]
SupervisorsOnly = Annotated[list[str] | None, SupervisorFilter(t(
    "เฉพาะการนิเทศของผู้นิเทศคนนี้ (ซ้ำได้)", "only the visits of this supervisor (repeatable)"))]
RatingOpt = Annotated[list[str] | None, typer.Option("--rating", help=t("ผลการประเมิน รายการ=คะแนน (ซ้ำได้)",
                                                                       "rating ITEM=SCORE (repeatable)"))]
ScaleOpt = Annotated[int | None, IntOption("--rating-scale", min=4, max=5, help=t(
    "ระดับคะแนน 5 (ค่าเริ่มต้น) หรือ 4", "rating scale 5 (default) or 4"))]
EvidenceOpt = Annotated[list[str] | None, typer.Option("--evidence", help=t("ไฟล์หลักฐาน (ซ้ำได้)", "evidence file (repeatable)"))]
NoteOpt = Annotated[str | None, typer.Option("--note", help=t("หมายเหตุ", "note"))]
CommitOpt = Annotated[bool | None, typer.Option("--commit/--no-commit", help=t(
    "commit git หลังบันทึก (ค่าเริ่มต้นตาม autocommit ใน nitet.yaml)", "git commit after saving (default: autocommit)"))]
JsonOpt = Annotated[bool, typer.Option("--json", help=t("พิมพ์ผลเป็น JSON", "print JSON"))]
VisitArg = Annotated[str, typer.Argument(help=t(
    "รหัสบันทึกการนิเทศ (ชื่อไฟล์) หรือรหัสสั้น ๖ ตัวท้ายที่แสดงใน visit list",
    "visit id (file name) or the short id shown by visit list"))]
