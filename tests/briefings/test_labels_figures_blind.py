"""The figures engine scored on labels written blind, every figure of each report, from the text
before the engine ever ran on them (tests/data/labels/figures/unseen … unseen7/):
unseen/ — six reports (a district, a county, a city, two 2026 provinces and 国务院 2002);
unseen2/ — a 2026 province, a county-level city and 国务院 1994; unseen3/ — a 2026 province, a
保定 county 2021, 深圳 2022 and 国务院 1993; unseen4/ — 北京 2026, 深圳 2026, 曲阳县 2020 and 国务院
2007; unseen5/ — 深圳 2005 and 2010, 国务院 2004 and 2006, two 保定 counties 2022 and two
districts (清苑区 2013, 徐水区 2010); unseen6/ — 国务院 1995, 深圳 2001 and four counties (2008, 2012, 2017,
2024); unseen7/ — 国务院 1992, 1997, 1998, 2000, 2001 and 易县 2019. Each set's first run (kept below) was the honest estimate for reports the rules had not
seen; every set has been tuned on since, so their scores now overstate accuracy on new
reports. Floors sit just under the latest run.

Because every figure of these reports is labelled, precision here is a true precision: of every
figure the engine outputs, the share that is a labelled figure.
"""

from __future__ import annotations

import pytest

from tests.kits.labels_figures import LABELS
from tests.kits.labels_figures_unseen import check, measure

# First run (650 labelled figures, 674 output), before any rule was changed for these reports:
# is-a-figure precision 0.939, value recall 0.965, all figures right on every field 0.735, key
# figures right on every field 0.939, bound 0.979 (none inverted), kind 0.899, period 0.943,
# labels 0.870, indicator of headline figures 0.805, headline choice 0.921.
# After tuning on them (no longer unseen): precision 0.948, value recall 0.965, all figures on
# every field 0.778, key figures 0.940, bound 0.986 (none inverted), kind 0.919, period 0.956,
# labels 0.897, headline indicator 0.858, headline choice 0.934. Most misses left are rankings
# and spans of years output as figures (13 + 5 of 35 not figures: the seed report's tests keep
# them), and conventions these labels do not share with the earlier sets: levels of income,
# 社零 and PM2.5 changes without an indicator here, 近 read as less than, review growth of
# 规上工业/投资/社零/进出口 as headline. Floors sit just under what was measured (ratchet).
# After one convention for every set (RULES.md; these files relabelled: headline = results and
# targets of the canonical indicators, income and other levels with their amount indicator, 近 as
# about) and the engine changes that followed: precision 0.948, value recall 0.965, all figures
# on every field 0.800, key figures 0.942, bound 0.997 (none inverted), kind 0.932, period
# 0.965, labels 0.899, headline indicator 0.963, headline choice 0.986 (0.794, 0.947, 0.925 and
# 0.942 on the relabelled files before the engine changed).
# Rankings and streaks became figures (RULES.md, 2026-12-07) and were added to these files from
# the text; on them the engine as it was scored precision 0.975, recall 0.961, all fields 0.784,
# key 0.903, kind 0.932, period 0.963, labels 0.886, headline indicator 0.963, choice 0.986.
# After this round's rules (rankings and streaks read; spans' flows and levels; plan targets;
# bars, shares and counts; names and descriptions no figures; indicators read from the sentence):
# precision 0.988, recall 0.976, all fields 0.833, key 0.952, bound 0.997, kind 0.955, period
# 0.970, labels 0.906, headline indicator 0.972, headline choice 0.992.
# After the rules tuned on unseen4 (tenths as shares, spans' stocks and places, labels): all
# fields 0.836, key 0.959, bound 0.998, labels 0.908, headline indicator 0.981, choice 0.994.
# This session's rules (levels the plan holds or reaches as targets, zones as subjects, spans after an
# address, people counted by a bare 万, compound nouns counted, titles won in a row …): precision 0.988,
# recall 0.978, all fields 0.861, key 0.966, bound 0.998, kind 0.967, period 0.976, labels 0.920,
# headline indicator 0.981, choice 0.994.
# Fifth session (CPI index levels an id of their own, Chinese-numeral counts, names and listed counts left
# out, indicators read as the sentence means them): precision 0.991, recall 0.987, all fields 0.872,
# headline indicator 0.991, choice 0.996.
# Fifth session's label, kind and period rules (h-fig1, before merging the rules above; spends labelled with what
# they go to, agents and places kept, 分别 items' whole measures, spans' levels and shares, starts said of
# last year, a plan's next years): all fields 0.890, key 0.973, kind 0.971, period 0.988, labels 0.941.
# Both together (relabelled files): precision 0.991, recall 0.985, all fields 0.905, key 0.987, kind
# 0.975, period 0.988, labels 0.946, headline indicator 0.991, choice 0.997.
# Fractions read as shares in % (RULES.md): recall 0.987, all fields 0.906.
# Sixth session's label, kind and period rules tuned on unseen6 (h-tune2: a level the plan raises to is a
# target): all fields 0.908, kind 0.978. Both together: recall 0.987, all fields 0.909.
# Sixth session, h-fig (rankings kept or won, bare ratios and indices, bounds of bands and 一番多): recall
# 0.988, all fields 0.911, period 0.988, labels 0.946.
# Seventh session, h-fig (labels conformed on five points, RULES.md; per-month units, bare 万/亿 units,
# people's lot as targets, counts labelled with the works done or what they did, names jieba cuts kept),
# every set (unseen … unseen7) at once: unseen recall 0.991, all fields 0.915, labels 0.949; unseen2 0.955,
# 0.867, 0.926 (key 0.963); unseen3 0.993, 0.925, 0.954 (key 0.960); unseen4 0.984, 0.912, 0.960 (key 0.989);
# unseen5 0.982, 0.917, 0.951; unseen6 0.977, 0.894, 0.941 (with main's % sign read); unseen7 0.979, 0.926, key 0.983, period 0.993.
# Seventh session, h-fig2 (result vs cumulative in span reviews: one convention in RULES.md, 8 rows conformed;
# states at a span's end, what people gained over it, 累计 the year compares, sums against an earlier span's, a
# stress before a paragraph's year, a sub-part headed by the span): kind / period / all fields unseen 0.982 /
# 0.991 / 0.920; unseen2 0.980 / 0.980 / 0.871; unseen3 0.989 / 0.988 / 0.933; unseen4 0.977 / 0.978 / 0.914;
# unseen5 0.983 / 0.990 / 0.921; unseen6 0.980 / 0.984 / 0.898; unseen7 as before.
# Then 确保/不少于 deciding no kind (rankings aimed at, red lines held, 争列 targets): kind / all fields unseen3
# 0.991 / 0.934, unseen4 0.978 / 0.914, unseen5 0.986 / 0.923.
# Eighth session: what a span's review says was listed (主板上市) or named (被命名) adds up over it: unseen2
# kind / period / all fields 0.984 / 0.984 / 0.873; no other set moved.
# Then a bar held each year of a streak (连续三年略高于, 连续5年压减超 in a span's review) a threshold: kind
# unseen 0.982 -> 0.984, unseen4 0.978 -> 0.980.
# Then a bare 五年 after the plan the sentence names, the report's year in it, that plan's years (“十一五”期间…；
# 五年淘汰…): unseen4 period 0.978 -> 0.981, all fields 0.914 -> 0.915.
UNSEEN_FLOORS = {
    "is-a-figure precision": 0.99,
    "value recall": 0.99,
    "all figures right on every field": 0.919,
    "key figures right on every field": 0.985,
    "bound": 0.997,
    "kind": 0.983,
    "period": 0.987,
    "labels": 0.948,
    "headline indicator": 0.99,
    "headline choice": 0.996,
}


# First run (440 labelled figures, 447 output), after every rule change of this round and before
# anyone looked at these labels or the engine's output on these reports: is-a-figure precision
# 0.917, value recall 0.923, all figures right on every field 0.582, key figures right on every
# field 0.855, bound 0.993 (none inverted), kind 0.768, period 0.829, labels 0.790, indicator of
# headline figures 0.841, headline choice 0.929.
# Tuned on since: after one convention for every set (RULES.md; keys as printed, income and
# other levels with their amount indicator, 近 as about) and the rules that followed (headline
# choice tied to the canonical indicators; changes and flows of a span's review over the span;
# a five-year plan's goals and the levels and rates the plan aims at as targets; streaks of
# quarters and months and bands of places no figures; programmes kept as subjects): precision
# 0.934, value recall 0.925, all figures on every field 0.695, key figures 0.962, bound 0.995
# (none inverted), kind 0.876, period 0.900, labels 0.834, headline indicator 1.000, headline
# choice 0.995. These overstate accuracy on new reports.
# With rankings and streaks labelled (RULES.md), the engine as it was: precision 0.966, recall
# 0.897, all fields 0.667, key 0.949, kind 0.873, period 0.896, labels 0.818; after this round's
# rules: precision 0.984, recall 0.942, all fields 0.790, key 0.951, bound 0.995, kind 0.946,
# period 0.959, labels 0.869, headline indicator 1.000, headline choice 1.000 (the key floor is
# under the 0.955 before: the files gained ranking rows).
# After the rules tuned on unseen4: all fields 0.798, bound 0.998, kind 0.952, period 0.966,
# labels 0.871.
# This session's rules: precision 0.987, recall 0.942, all fields 0.818, key 0.951, bound 1.000, kind
# 0.962, period 0.971, labels 0.887, headline indicator 1.000, choice 0.998.
# Fifth session (as above): precision 0.991, recall 0.942, all fields 0.820, headline indicator 1.000,
# choice 0.998.
# Fifth session's label, kind and period rules (before merging the rules above): all fields 0.833, kind 0.968, period 0.977, labels 0.896.
# Both together: all fields 0.835, kind 0.968, period 0.977, labels 0.898.
# Sixth session, h-fig (frameworks' named parts no figures, bare ratios, 产业类投资): precision 0.996, recall
# 0.946, all fields 0.844, kind 0.969, period 0.978, labels 0.903.
UNSEEN2_FLOORS = {
    "is-a-figure precision": 0.995,
    "value recall": 0.953,
    "all figures right on every field": 0.872,
    "key figures right on every field": 0.962,
    "bound": 0.995,
    "kind": 0.983,
    "period": 0.983,
    "labels": 0.924,
    "headline indicator": 0.995,
    "headline choice": 0.996,
}

# First run (704 labelled figures, 744 output), after every rule change of the round (one label
# convention, headlines tied to the canonical indicators, spans, programmes as subjects, the
# promises' new indicators) and before anyone looked at the engine's output on these reports:
# is-a-figure precision 0.919, value recall 0.943, all figures right on every field 0.689, key
# figures right on every field 0.879, bound 0.994 (none inverted), kind 0.864, period 0.829,
# labels 0.895, indicator of headline figures 0.945, headline choice 0.987.
# Tuned on since (no longer blind): with rankings and streaks labelled (RULES.md, 39 rows added),
# the engine as it was scored precision 0.964, recall 0.938, all fields 0.665, key 0.844, kind
# 0.862, period 0.828, labels 0.868, headline indicator 0.945, choice 0.987; after this round's
# rules: precision 0.991, recall 0.974, all fields 0.841, key 0.911, bound 0.995, kind 0.954,
# period 0.958, labels 0.903, headline indicator 1.000, headline choice 0.999.
# After the rules tuned on unseen4: all fields 0.848, bound 0.996, kind 0.956, period 0.960,
# labels 0.907.
# This session's rules: precision 0.992, recall 0.974, all fields 0.872, key 0.941, bound 0.999, kind
# 0.962, period 0.962, labels 0.924, headline indicator 1.000, choice 0.999.
# This session's second pass (lists after one verb, 自…以来 and 先后/累计 spans, 从A年到B年, N年平均, a
# span past recalled in the plan, verbal-noun items, counts right after an action): all fields 0.882, key 0.950,
# kind 0.977, period 0.975, labels 0.926.
# Fifth session (as above): precision 0.993, recall 0.980, all fields 0.884, headline indicator 1.000,
# choice 0.999.
# Fifth session's label, kind and period rules (before merging the rules above): all fields 0.892, labels 0.940.
# Both together: all fields 0.900, labels 0.944, period 0.974.
# Sixth session, h-fig (a place after a dealt list, bare ratios, frameworks' parts): precision 0.996, recall
# 0.981, all fields 0.903, key 0.951, kind 0.977, period 0.974, labels 0.946.
# Sixth session, h-conform (label-only: 1997年 goals under 今后五年 in 1993 dated the span 1993-1997, per-base
# units; engine: a plan part opening on 今后五年, bases past an age and over listed items): precision 0.996,
# recall 0.983, all fields 0.903, key 0.950, kind 0.977, period 0.974, labels 0.946.
# Sixth session, h-tune7 (a next item of a span's count with no verb: 五年培养研究生): all fields 0.904, kind
# 0.978, period 0.976.
UNSEEN3_FLOORS = {
    "is-a-figure precision": 0.995,
    "value recall": 0.992,
    "all figures right on every field": 0.933,
    "key figures right on every field": 0.959,
    "bound": 0.997,
    "kind": 0.99,
    "period": 0.987,
    "labels": 0.952,
    "headline indicator": 0.995,
    "headline choice": 0.997,
}

# unseen4 (北京 2026, 深圳 2026, 曲阳县 2020, 国务院 2007; every figure, rankings and streaks
# included, labelled blind to RULES.md as it stood this round). First run (890 labelled, 869
# output), after every rule change of the round and before anyone looked at the engine's output
# on these reports: is-a-figure precision 0.987, value recall 0.946, all figures right on every
# field 0.774, key figures right on every field 0.882, bound 0.991 (none inverted), kind 0.942,
# period 0.942, labels 0.889, indicator of headline figures 0.970, headline choice 0.995.
# Tuned on since (no longer blind; the rules general, each with a test on invented text): the
# draft outline's indicators as the coming plan's goals, tenths as shares (超五成), a span's
# stocks, places and yearly concentrations of its last year, 累计 in the year's review without
# the span, gaps and places labelled with what they are of, 破 and 分别 bounds, parallel lists,
# 历时/提前 durations and a document's own outline no figures: precision 0.992, recall 0.957,
# all fields 0.826, key 0.946, bound 0.993 (none inverted), kind 0.962, period 0.964, labels
# 0.907, headline indicator 0.970, headline choice 0.997.
# This session's rules: precision 0.992, recall 0.964, all fields 0.864, key 0.957, bound 0.993 (none
# inverted), kind 0.967, period 0.968, labels 0.934, headline indicator 0.970, choice 0.998.
# After the N连冠 conform (unit 次, RULES.md) and this session's second pass (为此 names what it points
# back at, spans printed as 从A年到B年 and N年平均, a span past recalled in the plan, stocks said with 有):
# all fields 0.872, key 0.967, kind 0.969, period 0.970, labels 0.938.
# Fifth session (as above): precision 0.997, recall 0.978, all fields 0.881, headline indicator 1.000,
# choice 1.000.
# Fifth session's label, kind and period rules (before merging the rules above): all fields 0.885, key 0.978, kind 0.970, period 0.974,
# labels 0.949.
# Both together: all fields 0.894, key 0.978, kind 0.970, period 0.974, labels 0.949.
# Fractions read as shares in % (RULES.md): recall 0.979, all fields 0.896.
# Sixth session, h-fig (由X…，减为Y a start, bounds of bands and 达到或略高于, packages of measures):
# precision 0.999, all fields 0.898, key 0.978, bound 0.997, kind 0.976, period 0.976, labels 0.949.
UNSEEN4_FLOORS = {
    "is-a-figure precision": 0.998,
    "value recall": 0.983,
    "all figures right on every field": 0.914,
    "key figures right on every field": 0.988,
    "bound": 0.996,
    "kind": 0.979,
    "period": 0.980,
    "labels": 0.959,
    "headline indicator": 0.995,
    "headline choice": 0.995,
}


# unseen5 (深圳 2005 and 2010, 国务院 2004 and 2006, 博野县 2022, 涞源县 2022, 清苑区 2013, 徐水区
# 2010; every figure, 868 rows, labelled blind this round). First run (881 output), after every
# rule change of the round and before anyone looked at the scores: is-a-figure precision 0.931,
# value recall 0.924, all figures right on every field 0.801, key figures right on every field
# 0.919, bound 0.991 (none inverted), kind 0.962, period 0.962, labels 0.905, indicator of
# headline figures 0.938, headline choice 0.979. Of the 61 outputs that are no figure, 45 are the
# investments of single named projects (投资3.12亿元的晨阳水性涂料) in two county-level reports,
# which the labels leave out as descriptions. (A helper had printed a sample of the engine's
# output on three of these reports, 涞源县, 徐水区 and 深圳 2005, and changed no rule after.)
# Tuned on since (2026-12-07, fifth session): one named project's investment and a plant's capacity
# left out, five indicator names, 过 as 超 before a magnitude, a share of spending as a level.
# Then: precision 0.972 (851 output), recall 0.932, all 0.808, key 0.922, bound 0.992, kind and
# period 0.966, labels 0.901, headline indicator 0.972, headline choice 0.987.
# Fifth session, after the CPI index level got its own id (cpi_index: this set's two 居民消费价格指数 rows
# relabelled from the text, RULES.md), Chinese-numeral counts read, names, numbered lists, things named one
# by one and capacities left out, indicators read as the sentence means them: precision 0.995, recall 0.963,
# all fields 0.835, headline indicator 1.000, choice 0.998.
# With two N连冠 rows conformed (unit 次): recall 0.934, all fields 0.810. Fifth session's label, kind
# and period rules (before merging the rules above): all fields 0.863, key 0.950, kind 0.978, period 0.978, labels 0.943, headline
# choice 0.988.
# Both together: precision 0.995, recall 0.963, all fields 0.888, key 0.956, kind 0.979, period 0.978,
# labels 0.941, headline indicator 1.000, choice 0.998.
# Relabelled since (main: Chinese-numeral counts, fractions and 提前N settled, 清苑区 2013's two 14%以上 rows
# one row, fiscal_revenue_growth): recall 0.965, all fields 0.890, headline indicator 0.993 (that merged
# row's label names both revenues and reads no indicator), choice 0.996.
# Fractions read as shares in % (RULES.md), 近一半的 about: recall 0.970, all fields 0.894, bound 0.992.
# Sixth session's label, kind and period rules tuned on unseen6 (h-tune2: 总投资…的 and numbered items'
# spends labelled with what they pay for): all fields 0.893, key 0.961, labels 0.944. Both together:
# recall 0.970, all fields 0.896, key 0.961, kind 0.978, period 0.977, labels 0.944.
# Sixth session, h-fig (bounds of 翻了一番多/四成多 and bottom bands, rankings won, bare indices): recall
# 0.972, all fields 0.902, key 0.961, bound 0.998, kind 0.978, period 0.977, labels 0.945.
# Sixth session, h-conform (label-only: five-year goals dated the span's last year carry the span, per-base
# units; engine: 今后五年 heading a closing year's part is the coming plan's five, bases over listed items):
# recall 0.975, all fields 0.906, key 0.971, kind 0.978, period 0.984, labels 0.945.
UNSEEN5_FLOORS = {
    "is-a-figure precision": 0.995,
    "value recall": 0.98,
    "all figures right on every field": 0.922,
    "key figures right on every field": 0.97,
    "bound": 0.997,
    "kind": 0.985,
    "period": 0.989,
    "labels": 0.95,
    "headline indicator": 0.995,
    "headline choice": 0.996,
}


# unseen6 (国务院 1995, 深圳 2001, 阜平县 2017, 顺平县 2008, 容城县 2012 and a county report filed as
# 安新县 2024 that is 河南 新安县's; every figure, 753 rows, labelled blind this session and conformed
# from the text to the four conventions settled before its first run). First run (731 output),
# after every rule change of the round and before anyone looked at the scores: is-a-figure
# precision 0.953, value recall 0.914, all figures right on every field 0.669, key figures right
# on every field 0.889, bound 1.000 (none inverted), kind 0.911, period 0.858, labels 0.858,
# indicator of headline figures 0.775, headline choice 0.971. The largest classes: 顺平县 2008 prints
# every percent sign as _M_M_ (an export's blemish: 22 figures missed, its headline growth rates
# among them); 容城县 2012 reviews a five-year term in 年均递增 and 比2006年增长 (indicators and
# periods); named projects' investments in two county plans; 深圳 2001's full-width digits and its
# 地方预算内财政收入.
# Tuned on since (fifth session, h-tune1: which figures, indicators and headlines; each rule general,
# with a test on invented text): 年均递增 as growth, older names of the budget revenue, a price index's
# rise in points as the price rise, bare 物价 of the 1990s as retail prices, 增加值 of the firms counted
# first, headline indicators' targets before other main targets, a clause opening on 力争 setting the
# place's goal; fractions in %; amounts describing one project however spaced, parks, voltages, long
# quoted titles, a first unit's capacity and a framework's parts no figures; three-term structures; 余/多
# and bound words spaced from the number, totals over names listed up to a 等N个 count, 跻身…百强县,
# 是…的两倍, 翻了将近一番, 签约亿元以上: precision 0.990 (717 output), recall 0.931, all fields 0.680,
# key 0.865 (more headline figures key, whose labels miss their subject: 预计完成增加值, 可比口径计算增长),
# bound 1.000, kind 0.910, period 0.861, labels 0.855, headline indicator 0.978, headline choice 0.994.
# Left missed: 顺平县 2008's _M_M_ rows (an export's blemish in one file, no rule for it).
# Tuned on since (h-tune2, labels, kinds and periods; each rule general, with a test on invented
# text): 总投资X的/、N个…, spends per year, per numbered item or on things listed with 等 labelled with
# what they pay for; a change on a base year keeping its base (比2006年增长); 预计 out of labels;
# conversions in brackets; places among peers ranking the measure before; 发展到 a span's level;
# 从2015年开始 a since; a year inside a quoted title dating nothing; 共-sentences and things counted
# before 建成投用 adding up; the plan's levels per head, raised to (提高到) or named without a verb as
# targets; a past-year paragraph in the plan; recalled targets and streaks already run. Then: all
# fields 0.753, key 0.958, bound 1.000, kind 0.961, period 0.892, labels 0.924 (precision 0.953,
# recall 0.914, headline indicator 0.787 and choice 0.971 as measured with them). Five-year goals
# printed 到2005年 stay the plan's span, as RULES.md and unseen3 have them (these labels date them
# 2005 and 2016: 51 of the 75 period misses left), and a multiple of a base year stays a result
# (heldout's convention).
# Both together (h-tune1 and h-tune2 merged): precision 0.990, recall 0.931, all fields 0.769, key
# 0.947, bound 1.000, kind 0.961, period 0.896, labels 0.924, headline indicator 0.978, choice 0.994.
# Then rows that contradicted RULES.md conformed from the text (label-only commits: 十五 and 2012-2016
# goals dated the span, a 累计 count with no span cumulative, 连续三年…以上 a threshold, multiples of
# a base year the compared year's result, 分别 with one printed number one row; 748 rows): precision
# 0.990, recall 0.937, all fields 0.834, key 0.970, bound 1.000, kind 0.963, period 0.968, labels
# 0.924, headline indicator 0.978, choice 0.994.
# Sixth session, h-fig (存贷款 dealt with their words, topic lines, share-of-things bars, works built over a
# span, quoted programmes): precision 0.990, recall 0.937, all fields 0.849, key 0.977, kind 0.968, period
# 0.970, labels 0.935, headline indicator 0.978, choice 0.994.
# Sixth session, h-conform (per-base units in the labels and the engine: 每千人…350户, 每百人…70部、85部,
# 每万人…1500人): precision 0.992, recall 0.943, all fields 0.854, key 0.977, period 0.970, labels 0.935.
# Seventh session, h-prom (a report printing no percent sign whose one odd token stands where the signs
# do has it read as the sign: 顺平县 2008's 22 _M_M_ rows found): precision 0.992, recall 0.972, all
# fields 0.881, key 0.986, kind 0.969, period 0.970 -> 0.9699 (one of the 22, 保障面由1%提高到3%'s
# start, dated the plan's year as the rows 18元 and 66元 of the same shape already are), labels 0.936,
# headline indicator 0.981, choice 0.995.
UNSEEN6_FLOORS = {
    "is-a-figure precision": 0.991,
    "value recall": 0.976,
    "all figures right on every field": 0.897,
    "key figures right on every field": 0.985,
    "bound": 0.995,
    "kind": 0.979,
    "period": 0.983,
    "labels": 0.94,
    "headline indicator": 0.98,
    "headline choice": 0.994,
}


# unseen7 (国务院 1992, 1997, 1998, 2000, 2001 and 易县 2019; every figure, 284 rows, labelled blind
# this session from the text; one row conformed to the milestone convention and two bound conventions
# written into RULES.md before its first run). The targets of these reports had been labelled and
# tuned on for promises (their other figures had not); one bench's status line showed a figure count
# for a variant of 国务院 1992. First run (279 output), after every rule change of the round and before
# anyone looked at the scores: is-a-figure precision 0.989, value recall 0.958, all figures right on
# every field 0.768, key figures right on every field 0.862, bound 0.989 (none inverted), kind 0.902,
# period 0.928, labels 0.917, indicator of headline figures 0.960, headline choice 0.989.
# Tuned on since (sixth session, h-tune7; no longer blind; each rule a shape of text with a test on
# invented text): X或者更多一些/X或更多 at least (RULES.md); 约 ending a word (条约, 签约) no bound; 1倍多
# more than; spans in words (五年来) and price asides (考虑价格下降因素) out of labels; 分别 bases and a second
# list of yearly averages dealt after 和; what a plan says is built already after a sentence dated by a past
# span (两年来…。已建成的主要有：…) adds up over that span, and so do a part after 其中 and a next item with no
# verb; a paragraph opening on the last year's level and the span's yearly average reviews the span; a goal
# recalled from last year's report said with 要 is that year's target; what the plan says the place has (全国
# 有…, 有三分之二的…) or where a share comes from (…来自…) is a result as last counted, 现在 now; 已经 with any
# verb done; a share of a base the plan raises to (增加到全国人口的72%) a target; people a span lifted said with
# 有 add up, a floor on people counts them; zones whose building is pushed counted in words (推进五个…集中区
# 建设); labels: 实际回落到/实际到位 and the other place said with a change take the measure before, money that
# brought in two kinds of funds names both, 为1997年的2.9倍 keeps its base; a plant's yearly output before its
# name (年产各30万吨的…工程) no figure: precision 0.996 (281 output), recall
# 0.975, all fields 0.901, key 0.966, bound 1.000 (none inverted), kind 0.971, period 0.979, labels 0.964,
# headline indicator 1.000, choice 1.000. Left: 已经组织了57户 (1997) labelled 1996 where 已经加入17个 (1998) is
# labelled the report's year, 全年再减少文盲 a target in 1997 and 再扫除文盲 a plan in 1998, 到2010年…翻一番 in the 十五 goals (the
# five-year goals' area), a 30% shared by three items longer than a label holds.
UNSEEN7_FLOORS = {
    "is-a-figure precision": 0.995,
    "value recall": 0.977,
    "all figures right on every field": 0.925,
    "key figures right on every field": 0.981,
    "bound": 0.995,
    "kind": 0.981,
    "period": 0.991,
    "labels": 0.963,
    "headline indicator": 0.995,
    "headline choice": 0.995,
}


@pytest.mark.parametrize(
    ("folder", "floors", "name"),
    [
        ("unseen", UNSEEN_FLOORS, "unseen figures (tuned on since their first run)"),
        ("unseen2", UNSEEN2_FLOORS, "second blind batch (tuned on since its first run)"),
        ("unseen3", UNSEEN3_FLOORS, "third blind batch (tuned on since its first run)"),
        ("unseen4", UNSEEN4_FLOORS, "fourth blind batch (tuned on since its first run)"),
        ("unseen5", UNSEEN5_FLOORS, "fifth blind batch (tuned on since its first run)"),
        ("unseen6", UNSEEN6_FLOORS, "sixth blind batch (tuned on since its first run)"),
        ("unseen7", UNSEEN7_FLOORS, "seventh blind batch (tuned on since its first run)"),
    ],
)
def test_figures_against_labels_written_blind(
    folder: str, floors: dict[str, float], name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    found = measure(LABELS / folder)
    with capsys.disabled():
        check(found, floors, name)
