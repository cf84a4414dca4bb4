package bankrisk.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AuditLogJsonTest {

    @Test
    void detailsAreAFlatJsonObjectWithSortedKeysAndTypedValues() {
        String json = AuditLog.json(Map.of("rows", 31_000, "forced", true, "month", "2026-10", "total", new BigDecimal("120677.42"),
                "note", "他说 \"好\"\n\\ok"));

        assertThat(json).isEqualTo("{\"forced\":true,\"month\":\"2026-10\",\"note\":\"他说 \\\"好\\\"\\u000a\\\\ok\","
                + "\"rows\":31000,\"total\":120677.42}");
    }
}
