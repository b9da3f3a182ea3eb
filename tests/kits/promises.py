"""Two invented consecutive reports of one place (targets, then results) and their briefings,
for the promises tests."""

from __future__ import annotations

from briefings.briefing import Briefing
from briefings.derive import derive_briefing
from briefings.parse import parse_bytes

TARGETS = """2024年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2023年工作回顾
过去一年，全市地区生产总值增长4.6%，城镇新增就业3.1万人。
二、2024年主要目标和工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，居民消费价格涨幅3%左右，城镇新增就业3万人以上，城镇调查失业率控制在5.5%以内，一般公共预算收入增长4%左右，粮食产量50万吨以上。
（一）大力发展数字经济。建设城市算力中心，推动数据要素市场化配置。
（二）持续改善农村人居环境。推进农村生活污水治理，开展村庄清洁行动。
（三）建设海上风电基地。推动海上风电项目开工。
"""

RESULTS = """2025年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2024年工作回顾
过去一年，全市前三季度地区生产总值增长5.3%，全年地区生产总值增长4.7%，城镇新增就业3.4万人，城镇调查失业率5.7%，粮食产量突破100亿斤。
居民消费价格保持总体平稳。
人均地区生产总值增长6.2%。
城市算力中心建成投用，数据要素市场化配置改革稳步推进。
农村生活污水治理率提高到60%，村庄清洁行动实现全覆盖。
过去五年，地区生产总值年均增长6.1%。
二、2025年主要目标和工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，居民消费价格涨幅2%左右，城镇新增就业3万人以上，一般公共预算收入增长4%左右。
（一）大力发展数字经济。建设城市算力中心二期。
"""


def _briefed(text: str, name: str) -> Briefing:
    return derive_briefing(parse_bytes(text.encode(), name))
