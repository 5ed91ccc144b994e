//! The built-in profiles as Rust, generated from profiles/2017-19.json, profiles/2025-26.json, profiles/2015-16.json by `profile::built_in_rust`.
//! Do not edit: change the JSON, then run the tests with BLESS=1.

use super::*;
use crate::workbook::CellRef;
#[inline(never)]
fn text(text: &str) -> String {
    text.to_owned()
}
/// The built-in profiles, in the order of their files.
pub fn profiles() -> Vec<Profile> {
    Vec::from([
        Profile {
            id: text("2017-19"),
            title: text("Better Care Fund 2017-19 Planning Template"),
            version: Some(text("BCF-2017-19 v1.0")),
            years: Vec::from([text("2017-18"), text("2018-19")]),
            sheets: SheetNames {
                guidance: text("1. Guidance"),
                checklist: Some(text("Checklist")),
                cover: text("2. Cover"),
                summary: text("3. Summary"),
                income: text("4. Income"),
                expenditure: text("5. Expenditure"),
                metrics: text("6. Metrics"),
                conditions: text("7. National Conditions"),
                pay_for_performance: None,
                lists: text("Lists"),
                hwb_data: text("HWB Data"),
            },
            cover: CoverLayout {
                title_cell: CellRef { row: 2u32, col: 2u32 },
                version: Some(LabelledCell {
                    label: text("Template version"),
                    label_cell: CellRef { row: 3u32, col: 2u32 },
                    cell: CellRef { row: 3u32, col: 3u32 },
                }),
                hwb: LabelledCell {
                    label: text("Health and Wellbeing Board:"),
                    label_cell: CellRef { row: 5u32, col: 2u32 },
                    cell: CellRef { row: 5u32, col: 3u32 },
                },
                completed_by: LabelledCell {
                    label: text("Completed by:"),
                    label_cell: CellRef { row: 6u32, col: 2u32 },
                    cell: CellRef { row: 6u32, col: 3u32 },
                },
                email: LabelledCell {
                    label: text("E-mail:"),
                    label_cell: CellRef { row: 7u32, col: 2u32 },
                    cell: CellRef { row: 7u32, col: 3u32 },
                },
                phone: LabelledCell {
                    label: text("Contact number:"),
                    label_cell: CellRef { row: 8u32, col: 2u32 },
                    cell: CellRef { row: 8u32, col: 3u32 },
                },
                signed_off: LabelledCell {
                    label: text(
                        "Has the plan been signed off by the HWB at the time of submission?",
                    ),
                    label_cell: CellRef { row: 9u32, col: 2u32 },
                    cell: CellRef { row: 9u32, col: 3u32 },
                },
                signoff_date: LabelledCell {
                    label: text(
                        "If no, please indicate when the HWB is expected to sign off the plan:",
                    ),
                    label_cell: CellRef { row: 10u32, col: 2u32 },
                    cell: CellRef { row: 10u32, col: 3u32 },
                },
                contacts: ContactsLayout {
                    header_row: 12u32,
                    role: Column {
                        col: 2u32,
                        header: text("Role"),
                    },
                    name: Column {
                        col: 3u32,
                        header: text("Name"),
                    },
                    email: Column {
                        col: 4u32,
                        header: text("E-mail"),
                    },
                    roles: Vec::from([
                        text("Health and Wellbeing Board Chair"),
                        text("Clinical Commissioning Group Accountable Officer"),
                        text("Local Authority Chief Executive"),
                        text("Director of Adult Social Services"),
                        text("Better Care Fund Lead Official"),
                        text("LA Section 151 Officer"),
                    ]),
                },
            },
            income: IncomeLayout {
                header_row: 5u32,
                max_rows: 40u32,
                source: Column {
                    col: 2u32,
                    header: text("Funding source"),
                },
                organisation: Column {
                    col: 3u32,
                    header: text("Organisation"),
                },
                amounts: Vec::from([
                    Column {
                        col: 4u32,
                        header: text("Amount (£)"),
                    },
                    Column {
                        col: 6u32,
                        header: text("Amount Y2 (£)"),
                    },
                ]),
                description: Column {
                    col: 5u32,
                    header: text("Description"),
                },
                minimums: Vec::from([
                    Minimum {
                        id: text("asc"),
                        label: text("Minimum ASC Spend (£)"),
                        label_cell: CellRef { row: 45u32, col: 2u32 },
                        cells: Vec::from([
                            CellRef { row: 45u32, col: 4u32 },
                            CellRef { row: 45u32, col: 6u32 },
                        ]),
                        hwb_key: Some(text("asc_minimum")),
                        input: false,
                        formula: None,
                    },
                    Minimum {
                        id: text("ooh"),
                        label: text("Minimum OOH Spend (£)"),
                        label_cell: CellRef { row: 46u32, col: 2u32 },
                        cells: Vec::from([
                            CellRef { row: 46u32, col: 4u32 },
                            CellRef { row: 46u32, col: 6u32 },
                        ]),
                        hwb_key: Some(text("ooh_minimum")),
                        input: false,
                        formula: None,
                    },
                ]),
                sources: Vec::from([
                    IncomeSource {
                        name: text("Disabled Facilities Grant"),
                        role: SourceRole::Dfg,
                        hwb_key: Some(text("dfg")),
                        organisation: Some(text("HWB")),
                        rows_from: None,
                    },
                    IncomeSource {
                        name: text("Improved Better Care Fund"),
                        role: SourceRole::LaGrant,
                        hwb_key: Some(text("la_grant")),
                        organisation: Some(text("HWB")),
                        rows_from: None,
                    },
                    IncomeSource {
                        name: text("Minimum NHS Contribution"),
                        role: SourceRole::NhsMinimum,
                        hwb_key: Some(text("nhs_minimum")),
                        organisation: Some(text("CCG")),
                        rows_from: None,
                    },
                    IncomeSource {
                        name: text("Additional LA Contribution"),
                        role: SourceRole::AdditionalLa,
                        hwb_key: None,
                        organisation: None,
                        rows_from: None,
                    },
                    IncomeSource {
                        name: text("Additional NHS Contribution"),
                        role: SourceRole::AdditionalNhs,
                        hwb_key: None,
                        organisation: None,
                        rows_from: None,
                    },
                ]),
            },
            expenditure: ExpenditureLayout {
                header_row: 6u32,
                last_row: 206u32,
                scheme_id: Column {
                    col: 2u32,
                    header: text("Scheme ID"),
                },
                scheme_name: Column {
                    col: 3u32,
                    header: text("Scheme Name"),
                },
                description: Column {
                    col: 4u32,
                    header: text("Brief Description of Scheme"),
                },
                scheme_type: Column {
                    col: 5u32,
                    header: text("Scheme Type"),
                },
                sub_type: Column {
                    col: 6u32,
                    header: text("Sub Types"),
                },
                type_other: Column {
                    col: 7u32,
                    header: text("Please specify if 'Scheme Type' is 'Other'"),
                },
                area: Column {
                    col: 8u32,
                    header: text("Area of Spend"),
                },
                area_other: Column {
                    col: 9u32,
                    header: text("Please specify if 'Area of Spend' is 'Other'"),
                },
                commissioner: Column {
                    col: 10u32,
                    header: text("Commissioner"),
                },
                nhs_share: Column {
                    col: 11u32,
                    header: text("% NHS (if Joint Commissioner)"),
                },
                la_share: Column {
                    col: 12u32,
                    header: text("% LA (if Joint Commissioner)"),
                },
                provider: Column {
                    col: 13u32,
                    header: text("Provider"),
                },
                source: Column {
                    col: 14u32,
                    header: text("Source of Funding"),
                },
                amounts: Vec::from([
                    Column {
                        col: 15u32,
                        header: text("Expenditure (£)"),
                    },
                    Column {
                        col: 16u32,
                        header: text("Expenditure Y2 (£)"),
                    },
                ]),
                new_existing: Column {
                    col: 17u32,
                    header: text("New/ Existing Scheme"),
                },
            },
            metrics: MetricsLayout {
                header_row: 5u32,
                metric: Column {
                    col: 2u32,
                    header: text("Metric"),
                },
                code: Column {
                    col: 3u32,
                    header: text("Code"),
                },
                period: Column {
                    col: 4u32,
                    header: text("Period"),
                },
                baseline: Column {
                    col: 5u32,
                    header: text("Baseline"),
                },
                numerator: Column {
                    col: 6u32,
                    header: text("Numerator"),
                },
                denominator: Column {
                    col: 7u32,
                    header: text("Denominator"),
                },
                planned: Column {
                    col: 8u32,
                    header: text("Planned"),
                },
                rationale: Column {
                    col: 9u32,
                    header: text("Rationale for ambition"),
                },
                better: None,
            },
            conditions: ConditionsLayout {
                header_row: 5u32,
                code: Column {
                    col: 2u32,
                    header: text("Code"),
                },
                condition: Column {
                    col: 3u32,
                    header: text("National condition"),
                },
                answer: Column {
                    col: 4u32,
                    header: text("Does your plan meet this national condition?"),
                },
                actions: Column {
                    col: 5u32,
                    header: text(
                        "If no, please describe the actions being taken to meet it",
                    ),
                },
                timeframe: Column {
                    col: 6u32,
                    header: text("If no, by when will it be met?"),
                },
                timeframe_is_date: false,
            },
            summary: SummaryLayout {
                rows: Vec::from([
                    SummaryRowDef {
                        value: SummaryValue::TotalIncome,
                        label: text("Total income"),
                        row: 6u32,
                    },
                    SummaryRowDef {
                        value: SummaryValue::TotalExpenditure,
                        label: text("Total expenditure"),
                        row: 7u32,
                    },
                    SummaryRowDef {
                        value: SummaryValue::Minimum(text("asc")),
                        label: text("Minimum ASC spend"),
                        row: 8u32,
                    },
                    SummaryRowDef {
                        value: SummaryValue::Planned(text("asc")),
                        label: text("Planned ASC spend"),
                        row: 9u32,
                    },
                    SummaryRowDef {
                        value: SummaryValue::Minimum(text("ooh")),
                        label: text("Minimum OOH spend"),
                        row: 10u32,
                    },
                    SummaryRowDef {
                        value: SummaryValue::Planned(text("ooh")),
                        label: text("Planned OOH spend"),
                        row: 11u32,
                    },
                ]),
                label_col: 2u32,
                value_cols: Vec::from([3u32, 4u32]),
            },
            hwb_data: HwbDataLayout {
                header_row: 1u32,
                columns: Vec::from([
                    HwbColumn {
                        key: text("code"),
                        year: 0usize,
                        header: text("HWB Code"),
                    },
                    HwbColumn {
                        key: text("name"),
                        year: 0usize,
                        header: text("HWB Name"),
                    },
                    HwbColumn {
                        key: text("nhs_minimum"),
                        year: 0usize,
                        header: text("Minimum NHS Contribution (£)"),
                    },
                    HwbColumn {
                        key: text("asc_minimum"),
                        year: 0usize,
                        header: text("Minimum ASC Spend (£)"),
                    },
                    HwbColumn {
                        key: text("ooh_minimum"),
                        year: 0usize,
                        header: text("Minimum OOH Spend (£)"),
                    },
                    HwbColumn {
                        key: text("dfg"),
                        year: 0usize,
                        header: text("DFG (£)"),
                    },
                    HwbColumn {
                        key: text("la_grant"),
                        year: 0usize,
                        header: text("LA Grant (£)"),
                    },
                    HwbColumn {
                        key: text("dfg_districts"),
                        year: 0usize,
                        header: text("DFG Districts"),
                    },
                    HwbColumn {
                        key: text("baseline:NEA"),
                        year: 0usize,
                        header: text("NEA"),
                    },
                    HwbColumn {
                        key: text("baseline:RES"),
                        year: 0usize,
                        header: text("RES"),
                    },
                    HwbColumn {
                        key: text("baseline:REA"),
                        year: 0usize,
                        header: text("REA"),
                    },
                    HwbColumn {
                        key: text("baseline:DTOC"),
                        year: 0usize,
                        header: text("DTOC"),
                    },
                    HwbColumn {
                        key: text("dtoc_expectation"),
                        year: 0usize,
                        header: text("DTOC Expectation"),
                    },
                    HwbColumn {
                        key: text("nhs_minimum"),
                        year: 1usize,
                        header: text("Minimum NHS Contribution Y2 (£)"),
                    },
                    HwbColumn {
                        key: text("asc_minimum"),
                        year: 1usize,
                        header: text("Minimum ASC Spend Y2 (£)"),
                    },
                    HwbColumn {
                        key: text("ooh_minimum"),
                        year: 1usize,
                        header: text("Minimum OOH Spend Y2 (£)"),
                    },
                    HwbColumn {
                        key: text("dfg"),
                        year: 1usize,
                        header: text("DFG Y2 (£)"),
                    },
                    HwbColumn {
                        key: text("la_grant"),
                        year: 1usize,
                        header: text("LA Grant Y2 (£)"),
                    },
                    HwbColumn {
                        key: text("dfg_districts"),
                        year: 1usize,
                        header: text("DFG Districts Y2"),
                    },
                ]),
            },
            lists: Lists {
                scheme_types: Vec::from([
                    SchemeType {
                        name: text("Assistive Technologies and Equipment"),
                        sub_types: Vec::from([
                            text("Telecare"),
                            text("Community based equipment"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Care Act Implementation Related Duties"),
                        sub_types: Vec::from([]),
                    },
                    SchemeType {
                        name: text("Carers Services"),
                        sub_types: Vec::from([
                            text("Respite services"),
                            text("Carer advice and support"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Community Based Schemes"),
                        sub_types: Vec::from([]),
                    },
                    SchemeType {
                        name: text("DFG Related Schemes"),
                        sub_types: Vec::from([
                            text("Adaptations"),
                            text("Discretionary use of DFG"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Enablers for Integration"),
                        sub_types: Vec::from([
                            text("Data integration"),
                            text("Workforce development"),
                            text("Joint commissioning infrastructure"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text(
                            "High Impact Change Model for Managing Transfer of Care",
                        ),
                        sub_types: Vec::from([
                            text("Early discharge planning"),
                            text("Systems to monitor patient flow"),
                            text("Multi-disciplinary/multi-agency discharge teams"),
                            text("Home first / discharge to assess"),
                            text("Seven-day services"),
                            text("Trusted assessors"),
                            text("Focus on choice"),
                            text("Enhancing health in care homes"),
                        ]),
                    },
                    SchemeType {
                        name: text("Home Care or Domiciliary Care"),
                        sub_types: Vec::from([]),
                    },
                    SchemeType {
                        name: text("Housing Related Schemes"),
                        sub_types: Vec::from([]),
                    },
                    SchemeType {
                        name: text("Integrated Care Planning and Navigation"),
                        sub_types: Vec::from([
                            text("Care coordination"),
                            text("Single point of access"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Intermediate Care Services"),
                        sub_types: Vec::from([
                            text("Step down"),
                            text("Step up"),
                            text("Rapid response"),
                            text("Reablement"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Prevention / Early Intervention"),
                        sub_types: Vec::from([
                            text("Social prescribing"),
                            text("Falls prevention"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Residential Placements"),
                        sub_types: Vec::from([
                            text("Care home"),
                            text("Nursing home"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Other"),
                        sub_types: Vec::from([]),
                    },
                ]),
                area_of_spend: Vec::from([
                    text("Social Care"),
                    text("Community Health"),
                    text("Continuing Care"),
                    text("Primary Care"),
                    text("Mental Health"),
                    text("Acute"),
                    text("Other"),
                ]),
                commissioner: Vec::from([
                    text("Local Authority"),
                    text("CCG"),
                    text("Joint"),
                ]),
                provider: Vec::from([
                    text("Local Authority"),
                    text("Private Sector"),
                    text("NHS Community Provider"),
                    text("NHS Acute Provider"),
                    text("NHS Mental Health Provider"),
                    text("Charity / Voluntary Sector"),
                    text("CCG"),
                ]),
                source_of_funding: Vec::from([
                    text("Minimum NHS Contribution"),
                    text("Disabled Facilities Grant"),
                    text("Improved Better Care Fund"),
                    text("Additional LA Contribution"),
                    text("Additional NHS Contribution"),
                ]),
                yes_no: Vec::from([text("Yes"), text("No")]),
                new_existing: Vec::from([text("New"), text("Existing")]),
            },
            values: NamedValues {
                yes: text("Yes"),
                no: text("No"),
                other: text("Other"),
                social_care: text("Social Care"),
                acute: text("Acute"),
                commissioner_la: text("Local Authority"),
                commissioner_nhs: text("CCG"),
                commissioner_joint: text("Joint"),
                dfg_scheme_type: text("DFG Related Schemes"),
            },
            metric_list: Vec::from([
                MetricDef {
                    code: text("NEA"),
                    name: text("Total non-elective admissions (general & acute)"),
                    periods: Vec::from([
                        text("2017-18 Q1"),
                        text("2017-18 Q2"),
                        text("2017-18 Q3"),
                        text("2017-18 Q4"),
                        text("2018-19 Q1"),
                        text("2018-19 Q2"),
                        text("2018-19 Q3"),
                        text("2018-19 Q4"),
                    ]),
                    unit: Unit::Count,
                    scale: None,
                    better: Direction::Lower,
                    ratio: false,
                    local_prompt: None,
                },
                MetricDef {
                    code: text("RES"),
                    name: text(
                        "Permanent admissions of older people (65+) to residential and nursing care homes, per 100,000",
                    ),
                    periods: Vec::from([text("2017-18"), text("2018-19")]),
                    unit: Unit::Rate,
                    scale: Some(100000f64),
                    better: Direction::Lower,
                    ratio: true,
                    local_prompt: None,
                },
                MetricDef {
                    code: text("REA"),
                    name: text(
                        "Proportion of older people (65+) still at home 91 days after discharge into reablement",
                    ),
                    periods: Vec::from([text("2017-18"), text("2018-19")]),
                    unit: Unit::Percent,
                    scale: Some(100f64),
                    better: Direction::Higher,
                    ratio: true,
                    local_prompt: None,
                },
                MetricDef {
                    code: text("DTOC"),
                    name: text(
                        "Delayed transfers of care (delayed days) from hospital per 100,000 population (18+)",
                    ),
                    periods: Vec::from([text("2017-18"), text("2018-19")]),
                    unit: Unit::Rate,
                    scale: Some(100000f64),
                    better: Direction::Lower,
                    ratio: true,
                    local_prompt: None,
                },
            ]),
            condition_list: Vec::from([
                ConditionDef {
                    code: text("NC1"),
                    text: text(
                        "Plans to be jointly agreed (including DFG passed to district councils in full in two-tier areas)",
                    ),
                    contradicted_by: Vec::from([text("funding.dfg-districts")]),
                },
                ConditionDef {
                    code: text("NC2"),
                    text: text(
                        "NHS contribution to adult social care maintained in line with inflation",
                    ),
                    contradicted_by: Vec::from([text("funding.asc-minimum")]),
                },
                ConditionDef {
                    code: text("NC3"),
                    text: text(
                        "Agreement to invest in NHS-commissioned out-of-hospital services",
                    ),
                    contradicted_by: Vec::from([text("funding.ooh-minimum")]),
                },
                ConditionDef {
                    code: text("NC4"),
                    text: text(
                        "Implementation of the High Impact Change Model for managing transfers of care",
                    ),
                    contradicted_by: Vec::from([]),
                },
            ]),
            funding: FundingParams {
                amount_min: 0f64,
                amount_max: 1000000000f64,
                balance_tolerance: 1f64,
                rate_tolerance: 0.1f64,
                implausible_change: 0.5f64,
                ceiling: Some(MetricCeiling {
                    metric: text("DTOC"),
                    hwb_key: text("dtoc_expectation"),
                }),
                minimum_tests: Vec::from([
                    MinimumTest {
                        id: text("asc"),
                        rule: text("funding.asc-minimum"),
                        name: text("Minimum spend on adult social care"),
                        minimum: MinimumSource::Income(text("asc")),
                        counts: Counts {
                            source: SourceRole::NhsMinimum,
                            areas: Vec::from([text("Social Care")]),
                            areas_except: Vec::from([]),
                            scheme_type: None,
                            sub_type: None,
                            share: Share::All,
                        },
                        message: text(
                            "Planned spending on adult social care from the {source}{year} is {planned}. The minimum is {minimum}, so it is {gap} short.",
                        ),
                        hint: text(
                            "On the Expenditure sheet, fund at least {gap} more of schemes with Source of Funding “{source}” and Area of Spend “Social Care”.",
                        ),
                        points_at: PointsAt::Minimum,
                        evidence: Some(
                            text(
                                "planned spending on adult social care is below the minimum",
                            ),
                        ),
                    },
                    MinimumTest {
                        id: text("ooh"),
                        rule: text("funding.ooh-minimum"),
                        name: text(
                            "Minimum spend on NHS-commissioned out-of-hospital services",
                        ),
                        minimum: MinimumSource::Income(text("ooh")),
                        counts: Counts {
                            source: SourceRole::NhsMinimum,
                            areas: Vec::from([]),
                            areas_except: Vec::from([
                                text("Social Care"),
                                text("Acute"),
                            ]),
                            scheme_type: None,
                            sub_type: None,
                            share: Share::Nhs,
                        },
                        message: text(
                            "Planned NHS-commissioned out-of-hospital spending from the {source}{year} is {planned}. The ring-fenced minimum is {minimum}, so it is {gap} short.",
                        ),
                        hint: text(
                            "Fund at least {gap} more of out-of-hospital schemes (any area of spend except social care and acute) from the {source}, commissioned by the CCG or jointly.",
                        ),
                        points_at: PointsAt::Minimum,
                        evidence: Some(
                            text(
                                "planned out-of-hospital spending is below the ring-fenced minimum",
                            ),
                        ),
                    },
                ]),
            },
            pay_for_performance: None,
        },
        Profile {
            id: text("2025-26"),
            title: text("Better Care Fund 2025-26 Planning Template"),
            version: Some(text("BCF-2025-26 v1.0")),
            years: Vec::from([text("2025-26")]),
            sheets: SheetNames {
                guidance: text("1. Guidance"),
                checklist: None,
                cover: text("2. Cover"),
                summary: text("3. Summary"),
                income: text("4. Income"),
                expenditure: text("5. Expenditure"),
                metrics: text("6. Metrics"),
                conditions: text("7. National Conditions"),
                pay_for_performance: None,
                lists: text("Lists"),
                hwb_data: text("HWB Data"),
            },
            cover: CoverLayout {
                title_cell: CellRef { row: 2u32, col: 2u32 },
                version: Some(LabelledCell {
                    label: text("Template version"),
                    label_cell: CellRef { row: 3u32, col: 2u32 },
                    cell: CellRef { row: 3u32, col: 3u32 },
                }),
                hwb: LabelledCell {
                    label: text("Health and Wellbeing Board:"),
                    label_cell: CellRef { row: 5u32, col: 2u32 },
                    cell: CellRef { row: 5u32, col: 3u32 },
                },
                completed_by: LabelledCell {
                    label: text("Completed by:"),
                    label_cell: CellRef { row: 6u32, col: 2u32 },
                    cell: CellRef { row: 6u32, col: 3u32 },
                },
                email: LabelledCell {
                    label: text("E-mail:"),
                    label_cell: CellRef { row: 7u32, col: 2u32 },
                    cell: CellRef { row: 7u32, col: 3u32 },
                },
                phone: LabelledCell {
                    label: text("Contact number:"),
                    label_cell: CellRef { row: 8u32, col: 2u32 },
                    cell: CellRef { row: 8u32, col: 3u32 },
                },
                signed_off: LabelledCell {
                    label: text(
                        "Has the plan been signed off by the HWB at the time of submission?",
                    ),
                    label_cell: CellRef { row: 9u32, col: 2u32 },
                    cell: CellRef { row: 9u32, col: 3u32 },
                },
                signoff_date: LabelledCell {
                    label: text(
                        "If no, please indicate when the HWB is expected to sign off the plan:",
                    ),
                    label_cell: CellRef { row: 10u32, col: 2u32 },
                    cell: CellRef { row: 10u32, col: 3u32 },
                },
                contacts: ContactsLayout {
                    header_row: 12u32,
                    role: Column {
                        col: 2u32,
                        header: text("Role"),
                    },
                    name: Column {
                        col: 3u32,
                        header: text("Name"),
                    },
                    email: Column {
                        col: 4u32,
                        header: text("E-mail"),
                    },
                    roles: Vec::from([
                        text("Health and Wellbeing Board Chair"),
                        text("Integrated Care Board Chief Executive"),
                        text("Local Authority Chief Executive"),
                        text("Director of Adult Social Services"),
                        text("Better Care Fund Lead Official"),
                        text("LA Section 151 Officer"),
                    ]),
                },
            },
            income: IncomeLayout {
                header_row: 5u32,
                max_rows: 40u32,
                source: Column {
                    col: 2u32,
                    header: text("Funding source"),
                },
                organisation: Column {
                    col: 3u32,
                    header: text("Organisation"),
                },
                amounts: Vec::from([
                    Column {
                        col: 4u32,
                        header: text("Amount (£)"),
                    },
                ]),
                description: Column {
                    col: 5u32,
                    header: text("Description"),
                },
                minimums: Vec::from([
                    Minimum {
                        id: text("asc"),
                        label: text("Minimum ASC Spend (£)"),
                        label_cell: CellRef { row: 45u32, col: 2u32 },
                        cells: Vec::from([CellRef { row: 45u32, col: 4u32 }]),
                        hwb_key: Some(text("asc_minimum")),
                        input: false,
                        formula: None,
                    },
                ]),
                sources: Vec::from([
                    IncomeSource {
                        name: text("Disabled Facilities Grant"),
                        role: SourceRole::Dfg,
                        hwb_key: Some(text("dfg")),
                        organisation: Some(text("HWB")),
                        rows_from: None,
                    },
                    IncomeSource {
                        name: text("Local Authority Better Care Grant"),
                        role: SourceRole::LaGrant,
                        hwb_key: Some(text("la_grant")),
                        organisation: Some(text("HWB")),
                        rows_from: None,
                    },
                    IncomeSource {
                        name: text("Minimum NHS Contribution"),
                        role: SourceRole::NhsMinimum,
                        hwb_key: Some(text("nhs_minimum")),
                        organisation: Some(text("ICB")),
                        rows_from: None,
                    },
                    IncomeSource {
                        name: text("Additional LA Contribution"),
                        role: SourceRole::AdditionalLa,
                        hwb_key: None,
                        organisation: None,
                        rows_from: None,
                    },
                    IncomeSource {
                        name: text("Additional NHS Contribution"),
                        role: SourceRole::AdditionalNhs,
                        hwb_key: None,
                        organisation: None,
                        rows_from: None,
                    },
                ]),
            },
            expenditure: ExpenditureLayout {
                header_row: 6u32,
                last_row: 206u32,
                scheme_id: Column {
                    col: 2u32,
                    header: text("Scheme ID"),
                },
                scheme_name: Column {
                    col: 3u32,
                    header: text("Scheme Name"),
                },
                description: Column {
                    col: 4u32,
                    header: text("Brief Description of Scheme"),
                },
                scheme_type: Column {
                    col: 5u32,
                    header: text("Scheme Type"),
                },
                sub_type: Column {
                    col: 6u32,
                    header: text("Sub Types"),
                },
                type_other: Column {
                    col: 7u32,
                    header: text("Please specify if 'Scheme Type' is 'Other'"),
                },
                area: Column {
                    col: 8u32,
                    header: text("Area of Spend"),
                },
                area_other: Column {
                    col: 9u32,
                    header: text("Please specify if 'Area of Spend' is 'Other'"),
                },
                commissioner: Column {
                    col: 10u32,
                    header: text("Commissioner"),
                },
                nhs_share: Column {
                    col: 11u32,
                    header: text("% NHS (if Joint Commissioner)"),
                },
                la_share: Column {
                    col: 12u32,
                    header: text("% LA (if Joint Commissioner)"),
                },
                provider: Column {
                    col: 13u32,
                    header: text("Provider"),
                },
                source: Column {
                    col: 14u32,
                    header: text("Source of Funding"),
                },
                amounts: Vec::from([
                    Column {
                        col: 15u32,
                        header: text("Expenditure (£)"),
                    },
                ]),
                new_existing: Column {
                    col: 17u32,
                    header: text("New/ Existing Scheme"),
                },
            },
            metrics: MetricsLayout {
                header_row: 5u32,
                metric: Column {
                    col: 2u32,
                    header: text("Metric"),
                },
                code: Column {
                    col: 3u32,
                    header: text("Code"),
                },
                period: Column {
                    col: 4u32,
                    header: text("Period"),
                },
                baseline: Column {
                    col: 5u32,
                    header: text("Baseline"),
                },
                numerator: Column {
                    col: 6u32,
                    header: text("Numerator"),
                },
                denominator: Column {
                    col: 7u32,
                    header: text("Denominator"),
                },
                planned: Column {
                    col: 8u32,
                    header: text("Planned"),
                },
                rationale: Column {
                    col: 9u32,
                    header: text("Rationale for ambition"),
                },
                better: None,
            },
            conditions: ConditionsLayout {
                header_row: 5u32,
                code: Column {
                    col: 2u32,
                    header: text("Code"),
                },
                condition: Column {
                    col: 3u32,
                    header: text("National condition"),
                },
                answer: Column {
                    col: 4u32,
                    header: text("Does your plan meet this national condition?"),
                },
                actions: Column {
                    col: 5u32,
                    header: text(
                        "If no, please describe the actions being taken to meet it",
                    ),
                },
                timeframe: Column {
                    col: 6u32,
                    header: text("If no, by when will it be met?"),
                },
                timeframe_is_date: false,
            },
            summary: SummaryLayout {
                rows: Vec::from([
                    SummaryRowDef {
                        value: SummaryValue::TotalIncome,
                        label: text("Total income"),
                        row: 6u32,
                    },
                    SummaryRowDef {
                        value: SummaryValue::TotalExpenditure,
                        label: text("Total expenditure"),
                        row: 7u32,
                    },
                    SummaryRowDef {
                        value: SummaryValue::Minimum(text("asc")),
                        label: text("Minimum ASC spend"),
                        row: 8u32,
                    },
                    SummaryRowDef {
                        value: SummaryValue::Planned(text("asc")),
                        label: text("Planned ASC spend"),
                        row: 9u32,
                    },
                ]),
                label_col: 2u32,
                value_cols: Vec::from([3u32]),
            },
            hwb_data: HwbDataLayout {
                header_row: 1u32,
                columns: Vec::from([
                    HwbColumn {
                        key: text("code"),
                        year: 0usize,
                        header: text("HWB Code"),
                    },
                    HwbColumn {
                        key: text("name"),
                        year: 0usize,
                        header: text("HWB Name"),
                    },
                    HwbColumn {
                        key: text("nhs_minimum"),
                        year: 0usize,
                        header: text("Minimum NHS Contribution (£)"),
                    },
                    HwbColumn {
                        key: text("asc_minimum"),
                        year: 0usize,
                        header: text("Minimum ASC Spend (£)"),
                    },
                    HwbColumn {
                        key: text("ooh_minimum"),
                        year: 0usize,
                        header: text("Minimum OOH Spend (£)"),
                    },
                    HwbColumn {
                        key: text("dfg"),
                        year: 0usize,
                        header: text("DFG (£)"),
                    },
                    HwbColumn {
                        key: text("la_grant"),
                        year: 0usize,
                        header: text("LA Grant (£)"),
                    },
                    HwbColumn {
                        key: text("dfg_districts"),
                        year: 0usize,
                        header: text("DFG Districts"),
                    },
                    HwbColumn {
                        key: text("baseline:EA65"),
                        year: 0usize,
                        header: text("EA65"),
                    },
                    HwbColumn {
                        key: text("baseline:DDL"),
                        year: 0usize,
                        header: text("DDL"),
                    },
                    HwbColumn {
                        key: text("baseline:LTA"),
                        year: 0usize,
                        header: text("LTA"),
                    },
                ]),
            },
            lists: Lists {
                scheme_types: Vec::from([
                    SchemeType {
                        name: text("Assistive Technologies and Equipment"),
                        sub_types: Vec::from([
                            text("Telecare"),
                            text("Community based equipment"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Care Act Implementation Related Duties"),
                        sub_types: Vec::from([]),
                    },
                    SchemeType {
                        name: text("Carers Services"),
                        sub_types: Vec::from([
                            text("Respite services"),
                            text("Carer advice and support"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Community Based Schemes"),
                        sub_types: Vec::from([]),
                    },
                    SchemeType {
                        name: text("DFG Related Schemes"),
                        sub_types: Vec::from([
                            text("Adaptations"),
                            text("Discretionary use of DFG"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Enablers for Integration"),
                        sub_types: Vec::from([
                            text("Data integration"),
                            text("Workforce development"),
                            text("Joint commissioning infrastructure"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Home Care or Domiciliary Care"),
                        sub_types: Vec::from([]),
                    },
                    SchemeType {
                        name: text("Housing Related Schemes"),
                        sub_types: Vec::from([]),
                    },
                    SchemeType {
                        name: text("Integrated Care Planning and Navigation"),
                        sub_types: Vec::from([
                            text("Care coordination"),
                            text("Single point of access"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Bed based intermediate Care Services"),
                        sub_types: Vec::from([
                            text("Step down"),
                            text("Step up"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Home-based intermediate care services"),
                        sub_types: Vec::from([
                            text("Reablement"),
                            text("Rehabilitation"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Prevention / Early Intervention"),
                        sub_types: Vec::from([
                            text("Social prescribing"),
                            text("Falls prevention"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Residential Placements"),
                        sub_types: Vec::from([
                            text("Care home"),
                            text("Nursing home"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Urgent Community Response"),
                        sub_types: Vec::from([]),
                    },
                    SchemeType {
                        name: text("Workforce recruitment and retention"),
                        sub_types: Vec::from([]),
                    },
                    SchemeType {
                        name: text("Other"),
                        sub_types: Vec::from([]),
                    },
                ]),
                area_of_spend: Vec::from([
                    text("Social Care"),
                    text("Community Health"),
                    text("Continuing Care"),
                    text("Primary Care"),
                    text("Mental Health"),
                    text("Acute"),
                    text("Other"),
                ]),
                commissioner: Vec::from([
                    text("Local Authority"),
                    text("ICB"),
                    text("Joint"),
                ]),
                provider: Vec::from([
                    text("Local Authority"),
                    text("Private Sector"),
                    text("NHS Community Provider"),
                    text("NHS Acute Provider"),
                    text("NHS Mental Health Provider"),
                    text("Charity / Voluntary Sector"),
                    text("ICB"),
                ]),
                source_of_funding: Vec::from([
                    text("Minimum NHS Contribution"),
                    text("Disabled Facilities Grant"),
                    text("Local Authority Better Care Grant"),
                    text("Additional LA Contribution"),
                    text("Additional NHS Contribution"),
                ]),
                yes_no: Vec::from([text("Yes"), text("No")]),
                new_existing: Vec::from([text("New"), text("Existing")]),
            },
            values: NamedValues {
                yes: text("Yes"),
                no: text("No"),
                other: text("Other"),
                social_care: text("Social Care"),
                acute: text("Acute"),
                commissioner_la: text("Local Authority"),
                commissioner_nhs: text("ICB"),
                commissioner_joint: text("Joint"),
                dfg_scheme_type: text("DFG Related Schemes"),
            },
            metric_list: Vec::from([
                MetricDef {
                    code: text("EA65"),
                    name: text("Emergency admissions of people aged 65+ per 100,000"),
                    periods: Vec::from([
                        text("2025-26 Q1"),
                        text("2025-26 Q2"),
                        text("2025-26 Q3"),
                        text("2025-26 Q4"),
                    ]),
                    unit: Unit::Rate,
                    scale: Some(100000f64),
                    better: Direction::Lower,
                    ratio: true,
                    local_prompt: None,
                },
                MetricDef {
                    code: text("DDL"),
                    name: text(
                        "Average length of discharge delay for acute adult patients (days)",
                    ),
                    periods: Vec::from([
                        text("2025-26 Q1"),
                        text("2025-26 Q2"),
                        text("2025-26 Q3"),
                        text("2025-26 Q4"),
                    ]),
                    unit: Unit::Days,
                    scale: None,
                    better: Direction::Lower,
                    ratio: false,
                    local_prompt: None,
                },
                MetricDef {
                    code: text("LTA"),
                    name: text(
                        "Long-term admissions of people aged 65+ to residential and nursing care homes per 100,000",
                    ),
                    periods: Vec::from([text("2025-26")]),
                    unit: Unit::Rate,
                    scale: Some(100000f64),
                    better: Direction::Lower,
                    ratio: true,
                    local_prompt: None,
                },
            ]),
            condition_list: Vec::from([
                ConditionDef {
                    code: text("NC1"),
                    text: text("Plans to be jointly agreed"),
                    contradicted_by: Vec::from([text("funding.dfg-districts")]),
                },
                ConditionDef {
                    code: text("NC2"),
                    text: text("Implementing the objectives of the BCF"),
                    contradicted_by: Vec::from([]),
                },
                ConditionDef {
                    code: text("NC3"),
                    text: text(
                        "Complying with grant and funding conditions, including maintaining the NHS minimum contribution to adult social care",
                    ),
                    contradicted_by: Vec::from([text("funding.asc-minimum")]),
                },
                ConditionDef {
                    code: text("NC4"),
                    text: text("Complying with oversight and support processes"),
                    contradicted_by: Vec::from([]),
                },
            ]),
            funding: FundingParams {
                amount_min: 0f64,
                amount_max: 1000000000f64,
                balance_tolerance: 1f64,
                rate_tolerance: 0.1f64,
                implausible_change: 0.5f64,
                ceiling: None,
                minimum_tests: Vec::from([
                    MinimumTest {
                        id: text("asc"),
                        rule: text("funding.asc-minimum"),
                        name: text("Minimum spend on adult social care"),
                        minimum: MinimumSource::Income(text("asc")),
                        counts: Counts {
                            source: SourceRole::NhsMinimum,
                            areas: Vec::from([text("Social Care")]),
                            areas_except: Vec::from([]),
                            scheme_type: None,
                            sub_type: None,
                            share: Share::All,
                        },
                        message: text(
                            "Planned spending on adult social care from the {source}{year} is {planned}. The minimum is {minimum}, so it is {gap} short.",
                        ),
                        hint: text(
                            "On the Expenditure sheet, fund at least {gap} more of schemes with Source of Funding “{source}” and Area of Spend “Social Care”.",
                        ),
                        points_at: PointsAt::Minimum,
                        evidence: Some(
                            text(
                                "planned spending on adult social care is below the minimum",
                            ),
                        ),
                    },
                ]),
            },
            pay_for_performance: None,
        },
        Profile {
            id: text("2015-16"),
            title: text("Better Care Fund 2015-16 Planning Template (Part 2)"),
            version: Some(text("BCF-2015-16 v1.0")),
            years: Vec::from([text("2015-16")]),
            sheets: SheetNames {
                guidance: text("1. Guidance"),
                checklist: Some(text("Checklist")),
                cover: text("2. Cover"),
                summary: text("3. Summary"),
                income: text("4. Income"),
                expenditure: text("5. Expenditure"),
                metrics: text("6. Metrics"),
                conditions: text("7. National Conditions"),
                pay_for_performance: Some(text("8. Pay for Performance")),
                lists: text("Lists"),
                hwb_data: text("HWB Data"),
            },
            cover: CoverLayout {
                title_cell: CellRef { row: 2u32, col: 2u32 },
                version: Some(LabelledCell {
                    label: text("Template version"),
                    label_cell: CellRef { row: 3u32, col: 2u32 },
                    cell: CellRef { row: 3u32, col: 3u32 },
                }),
                hwb: LabelledCell {
                    label: text("Health and Wellbeing Board:"),
                    label_cell: CellRef { row: 5u32, col: 2u32 },
                    cell: CellRef { row: 5u32, col: 3u32 },
                },
                completed_by: LabelledCell {
                    label: text("Completed by:"),
                    label_cell: CellRef { row: 6u32, col: 2u32 },
                    cell: CellRef { row: 6u32, col: 3u32 },
                },
                email: LabelledCell {
                    label: text("E-mail:"),
                    label_cell: CellRef { row: 7u32, col: 2u32 },
                    cell: CellRef { row: 7u32, col: 3u32 },
                },
                phone: LabelledCell {
                    label: text("Contact number:"),
                    label_cell: CellRef { row: 8u32, col: 2u32 },
                    cell: CellRef { row: 8u32, col: 3u32 },
                },
                signed_off: LabelledCell {
                    label: text(
                        "Has the plan been signed off by the HWB at the time of submission?",
                    ),
                    label_cell: CellRef { row: 9u32, col: 2u32 },
                    cell: CellRef { row: 9u32, col: 3u32 },
                },
                signoff_date: LabelledCell {
                    label: text(
                        "If no, please indicate when the HWB is expected to sign off the plan:",
                    ),
                    label_cell: CellRef { row: 10u32, col: 2u32 },
                    cell: CellRef { row: 10u32, col: 3u32 },
                },
                contacts: ContactsLayout {
                    header_row: 12u32,
                    role: Column {
                        col: 2u32,
                        header: text("Role"),
                    },
                    name: Column {
                        col: 3u32,
                        header: text("Name"),
                    },
                    email: Column {
                        col: 4u32,
                        header: text("E-mail"),
                    },
                    roles: Vec::from([
                        text("Health and Wellbeing Board Chair"),
                        text("Clinical Commissioning Group Accountable Officer"),
                        text("Local Authority Chief Executive"),
                        text("Director of Adult Social Services"),
                        text("Better Care Fund Lead Official"),
                        text("LA Section 151 Officer"),
                    ]),
                },
            },
            income: IncomeLayout {
                header_row: 5u32,
                max_rows: 40u32,
                source: Column {
                    col: 2u32,
                    header: text("Funding source"),
                },
                organisation: Column {
                    col: 3u32,
                    header: text("Organisation"),
                },
                amounts: Vec::from([
                    Column {
                        col: 4u32,
                        header: text("Amount (£)"),
                    },
                ]),
                description: Column {
                    col: 5u32,
                    header: text("Description"),
                },
                minimums: Vec::from([
                    Minimum {
                        id: text("asc"),
                        label: text("Protection of social care (£)"),
                        label_cell: CellRef { row: 45u32, col: 2u32 },
                        cells: Vec::from([CellRef { row: 45u32, col: 4u32 }]),
                        hwb_key: None,
                        input: true,
                        formula: None,
                    },
                    Minimum {
                        id: text("ooh"),
                        label: text(
                            "NHS-commissioned out-of-hospital spend required (£)",
                        ),
                        label_cell: CellRef { row: 46u32, col: 2u32 },
                        cells: Vec::from([CellRef { row: 46u32, col: 4u32 }]),
                        hwb_key: None,
                        input: false,
                        formula: Some(text("='8. Pay for Performance'!D17")),
                    },
                ]),
                sources: Vec::from([
                    IncomeSource {
                        name: text("Minimum CCG Contribution"),
                        role: SourceRole::NhsMinimum,
                        hwb_key: Some(text("nhs_minimum")),
                        organisation: None,
                        rows_from: Some(text("ccg_contributions")),
                    },
                    IncomeSource {
                        name: text("Disabled Facilities Grant"),
                        role: SourceRole::Dfg,
                        hwb_key: Some(text("dfg")),
                        organisation: Some(text("HWB")),
                        rows_from: None,
                    },
                    IncomeSource {
                        name: text("Social Care Capital Grant"),
                        role: SourceRole::LaGrant,
                        hwb_key: Some(text("la_grant")),
                        organisation: Some(text("HWB")),
                        rows_from: None,
                    },
                    IncomeSource {
                        name: text("Additional LA Contribution"),
                        role: SourceRole::AdditionalLa,
                        hwb_key: None,
                        organisation: None,
                        rows_from: None,
                    },
                    IncomeSource {
                        name: text("Additional CCG Contribution"),
                        role: SourceRole::AdditionalNhs,
                        hwb_key: None,
                        organisation: None,
                        rows_from: None,
                    },
                ]),
            },
            expenditure: ExpenditureLayout {
                header_row: 6u32,
                last_row: 206u32,
                scheme_id: Column {
                    col: 2u32,
                    header: text("Scheme ID"),
                },
                scheme_name: Column {
                    col: 3u32,
                    header: text("Scheme Name"),
                },
                description: Column {
                    col: 4u32,
                    header: text("Brief Description of Scheme"),
                },
                scheme_type: Column {
                    col: 5u32,
                    header: text("Scheme Type"),
                },
                sub_type: Column {
                    col: 6u32,
                    header: text("Sub Types"),
                },
                type_other: Column {
                    col: 7u32,
                    header: text("Please specify if 'Scheme Type' is 'Other'"),
                },
                area: Column {
                    col: 8u32,
                    header: text("Area of Spend"),
                },
                area_other: Column {
                    col: 9u32,
                    header: text("Please specify if 'Area of Spend' is 'Other'"),
                },
                commissioner: Column {
                    col: 10u32,
                    header: text("Commissioner"),
                },
                nhs_share: Column {
                    col: 11u32,
                    header: text("% NHS (if Joint Commissioner)"),
                },
                la_share: Column {
                    col: 12u32,
                    header: text("% LA (if Joint Commissioner)"),
                },
                provider: Column {
                    col: 13u32,
                    header: text("Provider"),
                },
                source: Column {
                    col: 14u32,
                    header: text("Source of Funding"),
                },
                amounts: Vec::from([
                    Column {
                        col: 15u32,
                        header: text("Expenditure (£)"),
                    },
                ]),
                new_existing: Column {
                    col: 17u32,
                    header: text("New/ Existing Scheme"),
                },
            },
            metrics: MetricsLayout {
                header_row: 5u32,
                metric: Column {
                    col: 2u32,
                    header: text("Metric"),
                },
                code: Column {
                    col: 3u32,
                    header: text("Code"),
                },
                period: Column {
                    col: 4u32,
                    header: text("Period"),
                },
                baseline: Column {
                    col: 5u32,
                    header: text("Baseline"),
                },
                numerator: Column {
                    col: 6u32,
                    header: text("Numerator"),
                },
                denominator: Column {
                    col: 7u32,
                    header: text("Denominator"),
                },
                planned: Column {
                    col: 8u32,
                    header: text("Planned"),
                },
                rationale: Column {
                    col: 9u32,
                    header: text("Rationale for ambition"),
                },
                better: Some(Column {
                    col: 10u32,
                    header: text("Better when"),
                }),
            },
            conditions: ConditionsLayout {
                header_row: 5u32,
                code: Column {
                    col: 2u32,
                    header: text("Code"),
                },
                condition: Column {
                    col: 3u32,
                    header: text("National condition"),
                },
                answer: Column {
                    col: 4u32,
                    header: text("Does your plan meet this national condition?"),
                },
                actions: Column {
                    col: 5u32,
                    header: text(
                        "If no, please describe the actions being taken to meet it",
                    ),
                },
                timeframe: Column {
                    col: 6u32,
                    header: text("If no, by when will it be met?"),
                },
                timeframe_is_date: true,
            },
            summary: SummaryLayout {
                rows: Vec::from([
                    SummaryRowDef {
                        value: SummaryValue::TotalIncome,
                        label: text("Total income"),
                        row: 6u32,
                    },
                    SummaryRowDef {
                        value: SummaryValue::TotalExpenditure,
                        label: text("Total expenditure"),
                        row: 7u32,
                    },
                    SummaryRowDef {
                        value: SummaryValue::Minimum(text("asc")),
                        label: text("Protection of social care"),
                        row: 8u32,
                    },
                    SummaryRowDef {
                        value: SummaryValue::Planned(text("asc")),
                        label: text("Planned ASC spend"),
                        row: 9u32,
                    },
                    SummaryRowDef {
                        value: SummaryValue::Minimum(text("ooh")),
                        label: text("NHS-commissioned out-of-hospital spend required"),
                        row: 10u32,
                    },
                    SummaryRowDef {
                        value: SummaryValue::Planned(text("ooh")),
                        label: text("Planned OOH spend"),
                        row: 11u32,
                    },
                    SummaryRowDef {
                        value: SummaryValue::PerformanceFund,
                        label: text("Performance fund"),
                        row: 12u32,
                    },
                ]),
                label_col: 2u32,
                value_cols: Vec::from([3u32]),
            },
            hwb_data: HwbDataLayout {
                header_row: 1u32,
                columns: Vec::from([
                    HwbColumn {
                        key: text("code"),
                        year: 0usize,
                        header: text("HWB Code"),
                    },
                    HwbColumn {
                        key: text("name"),
                        year: 0usize,
                        header: text("HWB Name"),
                    },
                    HwbColumn {
                        key: text("nhs_minimum"),
                        year: 0usize,
                        header: text("Minimum CCG Contribution (£)"),
                    },
                    HwbColumn {
                        key: text("asc_minimum"),
                        year: 0usize,
                        header: text("Minimum ASC Spend (£)"),
                    },
                    HwbColumn {
                        key: text("ooh_minimum"),
                        year: 0usize,
                        header: text("Minimum OOH Spend (£)"),
                    },
                    HwbColumn {
                        key: text("dfg"),
                        year: 0usize,
                        header: text("DFG (£)"),
                    },
                    HwbColumn {
                        key: text("la_grant"),
                        year: 0usize,
                        header: text("Social Care Capital Grant (£)"),
                    },
                    HwbColumn {
                        key: text("dfg_districts"),
                        year: 0usize,
                        header: text("DFG Districts"),
                    },
                    HwbColumn {
                        key: text("ccg_contributions"),
                        year: 0usize,
                        header: text("CCG Contributions"),
                    },
                    HwbColumn {
                        key: text("baseline:BCF1:Q4 2013-14"),
                        year: 0usize,
                        header: text("BCF1 Q4 2013-14"),
                    },
                    HwbColumn {
                        key: text("baseline:BCF1:Q1 2014-15"),
                        year: 0usize,
                        header: text("BCF1 Q1 2014-15"),
                    },
                    HwbColumn {
                        key: text("baseline:BCF1:Q2 2014-15"),
                        year: 0usize,
                        header: text("BCF1 Q2 2014-15"),
                    },
                    HwbColumn {
                        key: text("baseline:BCF1:Q3 2014-15"),
                        year: 0usize,
                        header: text("BCF1 Q3 2014-15"),
                    },
                    HwbColumn {
                        key: text("baseline:BCF2"),
                        year: 0usize,
                        header: text("BCF2"),
                    },
                    HwbColumn {
                        key: text("baseline:BCF3"),
                        year: 0usize,
                        header: text("BCF3"),
                    },
                    HwbColumn {
                        key: text("baseline:BCF4"),
                        year: 0usize,
                        header: text("BCF4"),
                    },
                    HwbColumn {
                        key: text("nea_cost"),
                        year: 0usize,
                        header: text("NEA Cost (£)"),
                    },
                    HwbColumn {
                        key: text("p4p_share"),
                        year: 0usize,
                        header: text("P4P Share (£)"),
                    },
                    HwbColumn {
                        key: text("op_plan_reduction"),
                        year: 0usize,
                        header: text("Operating Plan Reduction (%)"),
                    },
                    HwbColumn {
                        key: text("earmark:care_act"),
                        year: 0usize,
                        header: text("Care Act (£)"),
                    },
                    HwbColumn {
                        key: text("earmark:carers_breaks"),
                        year: 0usize,
                        header: text("Carers' Breaks (£)"),
                    },
                    HwbColumn {
                        key: text("earmark:reablement"),
                        year: 0usize,
                        header: text("Reablement (£)"),
                    },
                ]),
            },
            lists: Lists {
                scheme_types: Vec::from([
                    SchemeType {
                        name: text("Assistive Technologies and Equipment"),
                        sub_types: Vec::from([
                            text("Telecare"),
                            text("Community based equipment"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Care Act Implementation Related Duties"),
                        sub_types: Vec::from([]),
                    },
                    SchemeType {
                        name: text("Carers Services"),
                        sub_types: Vec::from([
                            text("Respite services"),
                            text("Carer advice and support"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Community Based Schemes"),
                        sub_types: Vec::from([]),
                    },
                    SchemeType {
                        name: text("DFG Related Schemes"),
                        sub_types: Vec::from([
                            text("Adaptations"),
                            text("Discretionary use of DFG"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Enablers for Integration"),
                        sub_types: Vec::from([
                            text("Data integration"),
                            text("Workforce development"),
                            text("Joint commissioning infrastructure"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Home Care or Domiciliary Care"),
                        sub_types: Vec::from([]),
                    },
                    SchemeType {
                        name: text("Housing Related Schemes"),
                        sub_types: Vec::from([]),
                    },
                    SchemeType {
                        name: text("Integrated Care Planning and Navigation"),
                        sub_types: Vec::from([
                            text("Care coordination"),
                            text("Single point of access"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Intermediate Care Services"),
                        sub_types: Vec::from([
                            text("Step down"),
                            text("Step up"),
                            text("Rapid response"),
                            text("Reablement"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Prevention / Early Intervention"),
                        sub_types: Vec::from([
                            text("Social prescribing"),
                            text("Falls prevention"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Residential Placements"),
                        sub_types: Vec::from([
                            text("Care home"),
                            text("Nursing home"),
                            text("Other"),
                        ]),
                    },
                    SchemeType {
                        name: text("Other"),
                        sub_types: Vec::from([]),
                    },
                ]),
                area_of_spend: Vec::from([
                    text("Social Care"),
                    text("Community Health"),
                    text("Continuing Care"),
                    text("Primary Care"),
                    text("Mental Health"),
                    text("Acute"),
                    text("Other"),
                ]),
                commissioner: Vec::from([
                    text("Local Authority"),
                    text("CCG"),
                    text("Joint"),
                ]),
                provider: Vec::from([
                    text("Local Authority"),
                    text("Private Sector"),
                    text("NHS Community Provider"),
                    text("NHS Acute Provider"),
                    text("NHS Mental Health Provider"),
                    text("Charity / Voluntary Sector"),
                    text("CCG"),
                ]),
                source_of_funding: Vec::from([
                    text("Minimum CCG Contribution"),
                    text("Disabled Facilities Grant"),
                    text("Social Care Capital Grant"),
                    text("Additional LA Contribution"),
                    text("Additional CCG Contribution"),
                ]),
                yes_no: Vec::from([text("Yes"), text("No")]),
                new_existing: Vec::from([text("New"), text("Existing")]),
            },
            values: NamedValues {
                yes: text("Yes"),
                no: text("No"),
                other: text("Other"),
                social_care: text("Social Care"),
                acute: text("Acute"),
                commissioner_la: text("Local Authority"),
                commissioner_nhs: text("CCG"),
                commissioner_joint: text("Joint"),
                dfg_scheme_type: text("DFG Related Schemes"),
            },
            metric_list: Vec::from([
                MetricDef {
                    code: text("BCF2"),
                    name: text(
                        "Permanent admissions of older people (65+) to residential and nursing care homes, per 100,000",
                    ),
                    periods: Vec::from([text("2014-15"), text("2015-16")]),
                    unit: Unit::Rate,
                    scale: Some(100000f64),
                    better: Direction::Lower,
                    ratio: true,
                    local_prompt: None,
                },
                MetricDef {
                    code: text("BCF3"),
                    name: text(
                        "Proportion of older people (65+) still at home 91 days after discharge from hospital into reablement / rehabilitation",
                    ),
                    periods: Vec::from([text("2014-15"), text("2015-16")]),
                    unit: Unit::Percent,
                    scale: Some(100f64),
                    better: Direction::Higher,
                    ratio: true,
                    local_prompt: None,
                },
                MetricDef {
                    code: text("BCF4"),
                    name: text(
                        "Delayed transfers of care (delayed days) from hospital per 100,000 population (18+)",
                    ),
                    periods: Vec::from([
                        text("2015-16 Q1"),
                        text("2015-16 Q2"),
                        text("2015-16 Q3"),
                        text("2015-16 Q4"),
                    ]),
                    unit: Unit::Rate,
                    scale: Some(100000f64),
                    better: Direction::Lower,
                    ratio: true,
                    local_prompt: None,
                },
                MetricDef {
                    code: text("BCF5"),
                    name: text("Patient / service user experience (local choice)"),
                    periods: Vec::from([text("2015-16")]),
                    unit: Unit::Stated,
                    scale: None,
                    better: Direction::Stated,
                    ratio: false,
                    local_prompt: Some(text("Patient / service user experience:")),
                },
                MetricDef {
                    code: text("BCF6"),
                    name: text("Local metric (local choice)"),
                    periods: Vec::from([text("2015-16")]),
                    unit: Unit::Stated,
                    scale: None,
                    better: Direction::Stated,
                    ratio: false,
                    local_prompt: Some(text("Local metric:")),
                },
            ]),
            condition_list: Vec::from([
                ConditionDef {
                    code: text("NC1"),
                    text: text("Plans to be jointly agreed"),
                    contradicted_by: Vec::from([text("funding.dfg-districts")]),
                },
                ConditionDef {
                    code: text("NC2"),
                    text: text("Protection for social care services (not spending)"),
                    contradicted_by: Vec::from([text("funding.asc-minimum")]),
                },
                ConditionDef {
                    code: text("NC3"),
                    text: text(
                        "As part of agreed local plans, 7-day services in health and social care to support patients being discharged and prevent unnecessary admissions at weekends",
                    ),
                    contradicted_by: Vec::from([]),
                },
                ConditionDef {
                    code: text("NC4a"),
                    text: text(
                        "Better data sharing between health and social care, based on the NHS Number",
                    ),
                    contradicted_by: Vec::from([]),
                },
                ConditionDef {
                    code: text("NC4b"),
                    text: text("Better data sharing: pursuing open APIs"),
                    contradicted_by: Vec::from([]),
                },
                ConditionDef {
                    code: text("NC4c"),
                    text: text(
                        "Better data sharing: information governance controls in line with Caldicott 2",
                    ),
                    contradicted_by: Vec::from([]),
                },
                ConditionDef {
                    code: text("NC5"),
                    text: text(
                        "A joint approach to assessments and care planning, with an accountable professional for integrated packages of care",
                    ),
                    contradicted_by: Vec::from([]),
                },
                ConditionDef {
                    code: text("NC6"),
                    text: text(
                        "Agreement on the consequential impact of changes on the acute sector",
                    ),
                    contradicted_by: Vec::from([]),
                },
            ]),
            funding: FundingParams {
                amount_min: 0f64,
                amount_max: 1000000000f64,
                balance_tolerance: 1f64,
                rate_tolerance: 0.1f64,
                implausible_change: 0.5f64,
                ceiling: None,
                minimum_tests: Vec::from([
                    MinimumTest {
                        id: text("asc"),
                        rule: text("funding.asc-minimum"),
                        name: text("Protection of social care"),
                        minimum: MinimumSource::Income(text("asc")),
                        counts: Counts {
                            source: SourceRole::NhsMinimum,
                            areas: Vec::from([text("Social Care")]),
                            areas_except: Vec::from([]),
                            scheme_type: None,
                            sub_type: None,
                            share: Share::All,
                        },
                        message: text(
                            "Planned spending on adult social care from the {source}{year} is {planned}. The protection the plan declares is {minimum}, so it is {gap} short.",
                        ),
                        hint: text(
                            "On the Expenditure sheet, fund at least {gap} more of schemes with Source of Funding “{source}” and Area of Spend “Social Care”.",
                        ),
                        points_at: PointsAt::Minimum,
                        evidence: Some(
                            text(
                                "planned spending on adult social care is below the minimum",
                            ),
                        ),
                    },
                    MinimumTest {
                        id: text("ooh"),
                        rule: text("funding.ooh-minimum"),
                        name: text("NHS-commissioned out-of-hospital spend required"),
                        minimum: MinimumSource::Income(text("ooh")),
                        counts: Counts {
                            source: SourceRole::NhsMinimum,
                            areas: Vec::from([]),
                            areas_except: Vec::from([
                                text("Social Care"),
                                text("Acute"),
                            ]),
                            scheme_type: None,
                            sub_type: None,
                            share: Share::Nhs,
                        },
                        message: text(
                            "Planned NHS-commissioned out-of-hospital spending from the {source}{year} is {planned}. The ring-fenced minimum is {minimum}, so it is {gap} short.",
                        ),
                        hint: text(
                            "Fund at least {gap} more of out-of-hospital schemes (any area of spend except social care and acute) from the {source}, commissioned by the CCG or jointly.",
                        ),
                        points_at: PointsAt::Minimum,
                        evidence: Some(
                            text(
                                "planned out-of-hospital spending is below the ring-fenced minimum",
                            ),
                        ),
                    },
                    MinimumTest {
                        id: text("care_act"),
                        rule: text("funding.earmark-minimum"),
                        name: text(
                            "Spending on Care Act duties from the Minimum CCG Contribution",
                        ),
                        minimum: MinimumSource::HwbKey(text("earmark:care_act")),
                        counts: Counts {
                            source: SourceRole::NhsMinimum,
                            areas: Vec::from([]),
                            areas_except: Vec::from([]),
                            scheme_type: Some(
                                text("Care Act Implementation Related Duties"),
                            ),
                            sub_type: None,
                            share: Share::All,
                        },
                        message: text(
                            "Planned spending on Care Act duties from the {source} is {planned}. {board}'s amount is {minimum}, so it is {gap} short.",
                        ),
                        hint: text(
                            "Fund at least {gap} more of “Care Act Implementation Related Duties” schemes from the {source}.",
                        ),
                        points_at: PointsAt::FirstScheme,
                        evidence: None,
                    },
                    MinimumTest {
                        id: text("carers_breaks"),
                        rule: text("funding.earmark-minimum"),
                        name: text(
                            "Spending on carers' breaks from the Minimum CCG Contribution",
                        ),
                        minimum: MinimumSource::HwbKey(text("earmark:carers_breaks")),
                        counts: Counts {
                            source: SourceRole::NhsMinimum,
                            areas: Vec::from([]),
                            areas_except: Vec::from([]),
                            scheme_type: Some(text("Carers Services")),
                            sub_type: None,
                            share: Share::All,
                        },
                        message: text(
                            "Planned spending on carers' breaks from the {source} is {planned}. {board}'s amount is {minimum}, so it is {gap} short.",
                        ),
                        hint: text(
                            "Fund at least {gap} more of “Carers Services” schemes from the {source}.",
                        ),
                        points_at: PointsAt::FirstScheme,
                        evidence: None,
                    },
                    MinimumTest {
                        id: text("reablement"),
                        rule: text("funding.earmark-minimum"),
                        name: text(
                            "Spending on reablement from the Minimum CCG Contribution",
                        ),
                        minimum: MinimumSource::HwbKey(text("earmark:reablement")),
                        counts: Counts {
                            source: SourceRole::NhsMinimum,
                            areas: Vec::from([]),
                            areas_except: Vec::from([]),
                            scheme_type: Some(text("Intermediate Care Services")),
                            sub_type: Some(text("Reablement")),
                            share: Share::All,
                        },
                        message: text(
                            "Planned spending on reablement from the {source} is {planned}. {board}'s amount is {minimum}, so it is {gap} short.",
                        ),
                        hint: text(
                            "Fund at least {gap} more of “Intermediate Care Services” schemes with sub type “Reablement” from the {source}.",
                        ),
                        points_at: PointsAt::FirstScheme,
                        evidence: None,
                    },
                ]),
            },
            pay_for_performance: Some(PayForPerformanceLayout {
                header_row: 5u32,
                quarter: Column {
                    col: 2u32,
                    header: text("Quarter"),
                },
                baseline_period: Column {
                    col: 3u32,
                    header: text("Baseline period"),
                },
                baseline: Column {
                    col: 4u32,
                    header: text("Baseline admissions"),
                },
                plan_period: Column {
                    col: 5u32,
                    header: text("Plan period"),
                },
                planned: Column {
                    col: 6u32,
                    header: text("Planned admissions"),
                },
                baseline_periods: Vec::from([
                    text("Q4 2013-14"),
                    text("Q1 2014-15"),
                    text("Q2 2014-15"),
                    text("Q3 2014-15"),
                ]),
                plan_periods: Vec::from([
                    text("Q4 2014-15"),
                    text("Q1 2015-16"),
                    text("Q2 2015-16"),
                    text("Q3 2015-16"),
                ]),
                total: LabelledCells {
                    label: text("Total"),
                    label_cell: CellRef { row: 10u32, col: 2u32 },
                    cells: Vec::from([
                        CellRef { row: 10u32, col: 4u32 },
                        CellRef { row: 10u32, col: 6u32 },
                    ]),
                },
                reduction: LabelledCell {
                    label: text("Planned reduction in emergency admissions"),
                    label_cell: CellRef { row: 12u32, col: 2u32 },
                    cell: CellRef { row: 12u32, col: 4u32 },
                },
                reduction_percent: LabelledCell {
                    label: text("Planned reduction (%)"),
                    label_cell: CellRef { row: 13u32, col: 2u32 },
                    cell: CellRef { row: 13u32, col: 4u32 },
                },
                cost: LabelledCell {
                    label: text("Cost of a non-elective admission (£)"),
                    label_cell: CellRef { row: 14u32, col: 2u32 },
                    cell: CellRef { row: 14u32, col: 4u32 },
                },
                cost_reason: LabelledCell {
                    label: text("Reason for a local cost"),
                    label_cell: CellRef { row: 13u32, col: 5u32 },
                    cell: CellRef { row: 14u32, col: 5u32 },
                },
                fund: LabelledCell {
                    label: text("Performance fund (£)"),
                    label_cell: CellRef { row: 15u32, col: 2u32 },
                    cell: CellRef { row: 15u32, col: 4u32 },
                },
                share: LabelledCell {
                    label: text("Share of the £1bn (£)"),
                    label_cell: CellRef { row: 16u32, col: 2u32 },
                    cell: CellRef { row: 16u32, col: 4u32 },
                },
                required: LabelledCell {
                    label: text("NHS-commissioned out-of-hospital spend required (£)"),
                    label_cell: CellRef { row: 17u32, col: 2u32 },
                    cell: CellRef { row: 17u32, col: 4u32 },
                },
                operating_plan: LabelledCell {
                    label: text("CCG operating plan reduction (%)"),
                    label_cell: CellRef { row: 18u32, col: 2u32 },
                    cell: CellRef { row: 18u32, col: 4u32 },
                },
                case: LabelledCell {
                    label: text(
                        "If the planned reduction is below 3.5%, the case for it",
                    ),
                    label_cell: CellRef { row: 19u32, col: 2u32 },
                    cell: CellRef { row: 19u32, col: 3u32 },
                },
                metric: MetricName {
                    code: text("BCF1"),
                    name: text(
                        "Emergency admissions (total non-elective admissions to hospital, general and acute)",
                    ),
                },
                cost_key: text("nea_cost"),
                share_key: text("p4p_share"),
                operating_plan_key: text("op_plan_reduction"),
                expected_reduction_percent: 3.5f64,
                operating_plan_gap_points: 2f64,
            }),
        },
    ])
}
