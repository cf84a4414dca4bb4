package bankrisk.provision.report;

/** The breakdowns of a run that finance reads. */
public enum ReportView {
    CATEGORY("Category"),
    PRODUCT("Product"),
    BRANCH("Branch"),
    TIER("Customer tier");

    private final String title;

    ReportView(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
