package bankrisk.api.convert;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import bank.common.v1.PageInfo;
import bank.common.v1.PageRequest;
import bankrisk.common.error.Violations;

/**
 * Reads {@link PageRequest}s and writes {@link PageInfo}s. The page token is opaque to clients; it encodes the
 * offset of the next item so that a token can be checked and rejected cleanly when tampered with.
 */
public final class Paging {

    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;
    private static final String PREFIX = "offset:";

    /** A validated page: how many items to return, starting at which offset. */
    public record Page(int size, long offset) {
    }

    private Paging() {
    }

    /** Reads a page request; records violations and returns the first page when it is bad. */
    public static Page parse(PageRequest request, String field, Violations violations) {
        int size = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : request.getPageSize();
        if (size < 1 || size > MAX_PAGE_SIZE) {
            violations.add(field + ".page_size", "must be between 1 and " + MAX_PAGE_SIZE + " (0 for " + DEFAULT_PAGE_SIZE + ")");
        }
        long offset = 0;
        if (!request.getPageToken().isEmpty()) {
            offset = decode(request.getPageToken());
            if (offset < 0) {
                violations.add(field + ".page_token", "is not a token this service issued");
                offset = 0;
            }
        }
        return new Page(size, offset);
    }

    /** Describes a page of {@code returned} items starting at {@code page.offset()} in a list of {@code total}. */
    public static PageInfo info(Page page, int returned, long total) {
        long next = page.offset() + returned;
        return PageInfo.newBuilder()
                .setNextPageToken(next < total && returned > 0 ? encode(next) : "")
                .setTotalSize(total)
                .build();
    }

    static String encode(long offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static long decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return text.startsWith(PREFIX) ? Long.parseLong(text.substring(PREFIX.length())) : -1;
        } catch (IllegalArgumentException malformed) {
            return -1;
        }
    }
}
