package bankrisk.provision.label;

import java.util.Map;

import bankrisk.provision.policy.LoanCategory;

/**
 * The one home of the words finance and regulatory outputs print, in Simplified Chinese and English: category names
 * (正常 … 損失 in the 1104 forms' simplified script), headings, column titles and notes. Renderers and gRPC mappers
 * look labels up here by a stable key and never spell a label themselves. A key without a label is a programming
 * error and fails loudly ({@link #get}); {@code LabelsTest} checks every key has both languages.
 */
public final class Labels {

    /** key → {zh-CN, en}. */
    static final Map<String, String[]> TEXT = Map.ofEntries(
            // categories
            Map.entry("NORMAL", new String[] {"正常", "Normal"}),
            Map.entry("SPECIAL_MENTION", new String[] {"关注", "Special mention"}),
            Map.entry("SUBSTANDARD", new String[] {"次级", "Substandard"}),
            Map.entry("DOUBTFUL", new String[] {"可疑", "Doubtful"}),
            Map.entry("LOSS", new String[] {"损失", "Loss"}),
            Map.entry("NPL", new String[] {"不良贷款", "Non-performing"}),
            Map.entry("TOTAL", new String[] {"合计", "Total"}),
            // G11 rows
            Map.entry("ALL", new String[] {"各项贷款", "All loans"}),
            Map.entry("BORROWER_RETAIL", new String[] {"个人贷款", "Retail borrowers"}),
            Map.entry("BORROWER_NON_RETAIL", new String[] {"公司贷款", "Non-retail borrowers"}),
            Map.entry("PRODUCT_PERSONAL_CONSUMPTION", new String[] {"个人消费贷款", "Personal consumption"}),
            Map.entry("PRODUCT_PERSONAL_MORTGAGE", new String[] {"个人住房贷款", "Personal mortgage"}),
            Map.entry("PRODUCT_PERSONAL_BUSINESS", new String[] {"个人经营性贷款", "Personal business"}),
            Map.entry("PRODUCT_CORPORATE_WORKING_CAPITAL", new String[] {"流动资金贷款", "Corporate working capital"}),
            Map.entry("PRODUCT_CORPORATE_FIXED_ASSET", new String[] {"固定资产贷款", "Corporate fixed asset"}),
            Map.entry("PRODUCT_TRADE_FINANCE", new String[] {"贸易融资", "Trade finance"}),
            Map.entry("PRODUCT_OTHER", new String[] {"其他贷款", "Other loans"}),
            Map.entry("PRODUCT_UNSPECIFIED", new String[] {"产品未分类", "Product not given"}),
            Map.entry("BORROWER_UNSPECIFIED", new String[] {"借款人类型未分类", "Borrower kind not given"}),
            Map.entry("OVERDUE_1_90", new String[] {"逾期1-90天", "Overdue 1-90 days"}),
            Map.entry("OVERDUE_91_180", new String[] {"逾期91-180天", "Overdue 91-180 days"}),
            Map.entry("OVERDUE_181_360", new String[] {"逾期181-360天", "Overdue 181-360 days"}),
            Map.entry("OVERDUE_OVER_360", new String[] {"逾期361天以上", "Overdue over 360 days"}),
            Map.entry("OVERDUE_OVER_90", new String[] {"逾期90天以上", "Overdue more than 90 days"}),
            Map.entry("OVERDUE_OVER_60", new String[] {"逾期60天以上", "Overdue more than 60 days"}),
            // titles
            Map.entry("G11_TITLE", new String[] {"G11 资产质量五级分类情况表", "G11 Asset quality by the five categories"}),
            Map.entry("G12_TITLE", new String[] {"G12 贷款质量迁徙情况表", "G12 Loan quality migration"}),
            Map.entry("G13_TITLE", new String[] {"G13 最大十家关注类、次级类、可疑类、损失类贷款情况表",
                    "G13 Ten largest borrowers of each non-Normal category"}),
            Map.entry("NPL_CHECK_TITLE", new String[] {"不良贷款认定检查", "NPL recognition check"}),
            Map.entry("CHECKS_TITLE", new String[] {"表内校验", "Form checks"}),
            Map.entry("RATIOS_TITLE", new String[] {"迁徙率", "Migration ratios"}),
            // header fields
            Map.entry("AS_OF", new String[] {"报告期末", "Period end"}),
            Map.entry("YEAR_START", new String[] {"年初", "Year start"}),
            Map.entry("SNAPSHOT", new String[] {"快照", "Snapshot"}),
            Map.entry("RULE_SET", new String[] {"分类规则版本", "Rule set"}),
            Map.entry("RUN", new String[] {"拨备计提批次", "Provision run"}),
            Map.entry("CURRENCY", new String[] {"币种", "Currency"}),
            Map.entry("UNIT", new String[] {"金额单位", "Amounts in"}),
            Map.entry("UNIT_VALUE", new String[] {"万元（两位小数）及元", "万元 (10,000 yuan, two decimals) and yuan"}),
            Map.entry("GENERAL_RESERVE", new String[] {"一般准备（组合）", "General reserve (portfolio)"}),
            Map.entry("ALLOWANCE", new String[] {"贷款损失准备", "Loan-loss allowance"}),
            // column titles
            Map.entry("ROW", new String[] {"项目", "Item"}),
            Map.entry("COLUMN", new String[] {"列", "Column"}),
            Map.entry("COUNT", new String[] {"笔数", "Loans"}),
            Map.entry("BALANCE_WAN", new String[] {"余额（万元）", "Balance (10k yuan)"}),
            Map.entry("BALANCE_YUAN", new String[] {"余额（元）", "Balance (yuan)"}),
            Map.entry("ALLOWANCE_WAN", new String[] {"贷款损失准备（万元）", "Allowance (10k yuan)"}),
            Map.entry("ALLOWANCE_YUAN", new String[] {"贷款损失准备（元）", "Allowance (yuan)"}),
            Map.entry("OPENING", new String[] {"年初余额", "Year-start balance"}),
            Map.entry("MIGRATED_TO", new String[] {"期末为", "Now"}),
            Map.entry("REPAID", new String[] {"收回", "Repaid"}),
            Map.entry("WRITTEN_OFF", new String[] {"核销", "Written off"}),
            Map.entry("TRANSFERRED", new String[] {"转让", "Transferred"}),
            Map.entry("FORECLOSED", new String[] {"以物抵债", "Foreclosed"}),
            Map.entry("DECREASE", new String[] {"减少合计", "Decrease"}),
            Map.entry("DISBURSED", new String[] {"新增发放", "Disbursed"}),
            Map.entry("DIFFERENCE", new String[] {"差异", "Difference"}),
            Map.entry("LEFT_BOOK", new String[] {"结清笔数", "Loans that left"}),
            Map.entry("NEW_LOANS", new String[] {"本年新增贷款", "Loans new this year"}),
            Map.entry("NORMAL_TO_NPL", new String[] {"正常贷款转为不良", "Normal and SM now NPL"}),
            Map.entry("NPL_TO_NORMAL", new String[] {"不良贷款转为正常", "NPL now Normal or SM"}),
            Map.entry("NPL_COLLECTED", new String[] {"年初不良收回", "Year-start NPL collected"}),
            Map.entry("NPL_UPGRADED", new String[] {"年初不良上调", "Year-start NPL upgraded"}),
            Map.entry("NPL_WRITTEN_OFF", new String[] {"年初不良核销", "Year-start NPL written off"}),
            Map.entry("NPL_TRANSFERRED", new String[] {"年初不良转让", "Year-start NPL transferred"}),
            Map.entry("NPL_FORECLOSED", new String[] {"年初不良以物抵债", "Year-start NPL foreclosed"}),
            Map.entry("RANK", new String[] {"排名", "Rank"}),
            Map.entry("CUSTOMER_NUMBER", new String[] {"客户号", "Customer number"}),
            Map.entry("CUSTOMER_NAME", new String[] {"客户名称", "Customer name"}),
            Map.entry("SHARE", new String[] {"占该类贷款比例", "Share of category"}),
            Map.entry("DAYS_PAST_DUE", new String[] {"逾期天数", "Days past due"}),
            Map.entry("LOAN_ID", new String[] {"贷款编号", "Loan"}),
            Map.entry("CATEGORY", new String[] {"五级分类", "Category"}),
            Map.entry("RATIO", new String[] {"比率", "Ratio"}),
            Map.entry("NUMERATOR", new String[] {"分子（元）", "Numerator (yuan)"}),
            Map.entry("DENOMINATOR", new String[] {"分母（元）", "Denominator (yuan)"}),
            Map.entry("NOT_APPLICABLE", new String[] {"不适用", "n/a"}),
            Map.entry("PASSED", new String[] {"通过", "passed"}),
            // ratios
            Map.entry("NORMAL_MIGRATION", new String[] {"正常类贷款迁徙率", "Normal migration"}),
            Map.entry("SPECIAL_MENTION_MIGRATION", new String[] {"关注类贷款迁徙率", "Special mention migration"}),
            Map.entry("SUBSTANDARD_MIGRATION", new String[] {"次级类贷款迁徙率", "Substandard migration"}),
            Map.entry("DOUBTFUL_MIGRATION", new String[] {"可疑类贷款迁徙率", "Doubtful migration"}),
            Map.entry("NORMAL_LOANS_MIGRATION", new String[] {"正常贷款迁徙率", "Normal-loans migration"}),
            Map.entry("OVERDUE_90_TO_NPL", new String[] {"逾期90天以上贷款与不良贷款比例（偏离度）", "Overdue > 90 days ÷ NPL"}),
            Map.entry("OVERDUE_60_TO_NPL", new String[] {"逾期60天以上贷款与不良贷款比例", "Overdue > 60 days ÷ NPL"}),
            Map.entry("OVER_90_NOT_NPL", new String[] {"逾期90天以上但未列入不良的贷款", "Loans overdue > 90 days not in NPL"}),
            // checks
            Map.entry("G11_ROW_TOTALS", new String[] {"每行合计等于五类之和，不良等于次级、可疑、损失之和",
                    "Each row's total equals its five categories; NPL equals Substandard + Doubtful + Loss"}),
            Map.entry("G11_BORROWER_KINDS_SUM_TO_ALL", new String[] {"个人与公司贷款之和等于各项贷款", "Retail + non-retail equal all loans"}),
            Map.entry("G11_PRODUCTS_SUM_TO_ALL", new String[] {"各产品之和等于各项贷款", "The products sum to all loans"}),
            Map.entry("G11_OVERDUE_OVER_90_SUMS_BUCKETS", new String[] {"逾期90天以上等于91-180、181-360、361天以上之和",
                    "Overdue > 90 days equals 91-180 + 181-360 + over 360"}),
            Map.entry("G11_RUN_MATCHES_SNAPSHOT", new String[] {"拨备批次的贷款笔数和余额与期末快照一致",
                    "The run's loans and balances equal the period-end snapshot's"}),
            Map.entry("G11_SNAPSHOT_HEADER", new String[] {"快照明细合计等于快照表头", "The snapshot's rows sum to its header"}),
            Map.entry("G12_YEAR_START_EQUALS_G11", new String[] {"年初各类余额等于年初G11", "Year-start column equals the year-start G11"}),
            Map.entry("G12_PERIOD_END_EQUALS_G11", new String[] {"期末各类余额（含新增）等于期末G11",
                    "Period-end categories (with new loans) equal the period-end G11"}),
            Map.entry("G12_PARTS_RECONCILE", new String[] {"年初余额+新增发放-减少+差异=期末余额",
                    "Year start + disbursed − decrease + difference = period end, per row"}),
            Map.entry("G13_TOP_WITHIN_CATEGORY", new String[] {"前十户余额不超过该类合计，占比之和不超过1",
                    "The ten largest never exceed their category; shares sum to at most 1"}),
            // notes
            Map.entry("NOTE_DECREASE", new String[] {"核销、转让、以物抵债计入减少，不计为向损失类迁徙。",
                    "Write-offs, transfers and foreclosures are decreases, never migrations to Loss."}),
            Map.entry("NOTE_NOT_APPLICABLE", new String[] {"分母为零的比率为“不适用”。", "A ratio whose denominator is 0 is not applicable."}),
            Map.entry("NOTE_RATIO_SOURCE", new String[] {"迁徙率口径：《商业银行风险监管核心指标（试行）》（2005）。",
                    "Migration ratios as defined by the CBRC Core Indicators for Risk Supervision of Commercial Banks (2005)."}),
            Map.entry("NOTE_NAMES", new String[] {"客户名称取自分层服务的客户登记；未登记者为空。",
                    "Customer names come from tiering-service's customer register; empty when not registered."}),
            Map.entry("NOTE_ALLOWANCE", new String[] {"贷款损失准备为所选拨备批次逐笔专项准备之和；一般准备按组合计提，只列在合计。",
                    "Allowance columns are the named run's per-loan specific provisions; the portfolio general reserve is shown once."}));

    private Labels() {
    }

    /** The label of {@code key} in {@code lang}; an unknown key is a programming error. */
    public static String get(String key, Lang lang) {
        String[] text = TEXT.get(key);
        if (text == null) {
            throw new IllegalArgumentException("no label for " + key);
        }
        return text[lang.ordinal()];
    }

    /** A row's label; a row code the labels do not know yet (a product added upstream) is shown as its code. */
    public static String row(String code, Lang lang) {
        String[] text = TEXT.get(code);
        return text == null ? code : text[lang.ordinal()];
    }

    public static String category(LoanCategory category, Lang lang) {
        return get(category.name(), lang);
    }
}
