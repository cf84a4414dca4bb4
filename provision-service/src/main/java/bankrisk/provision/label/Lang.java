package bankrisk.provision.label;

import java.util.Locale;

import bankrisk.common.error.Violations;

/** The languages of the finance and regulatory outputs. Simplified Chinese is the returns' default: their readers file in it. */
public enum Lang {
    ZH_CN("zh-CN"),
    EN("en");

    private final String tag;

    Lang(String tag) {
        this.tag = tag;
    }

    /** The BCP 47 tag callers send and answers carry ("zh-CN", "en"). */
    public String tag() {
        return tag;
    }

    /**
     * The language a caller asked for in {@code field}: empty or absent means {@code fallback}; tags compare
     * case-insensitively ("zh-cn", "EN"); anything else is a violation naming the field.
     */
    public static Lang parse(String raw, String field, Lang fallback, Violations violations) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        for (Lang lang : values()) {
            if (lang.tag.toLowerCase(Locale.ROOT).equals(raw.strip().toLowerCase(Locale.ROOT))) {
                return lang;
            }
        }
        violations.add(field, "must be zh-CN or en");
        return fallback;
    }
}
