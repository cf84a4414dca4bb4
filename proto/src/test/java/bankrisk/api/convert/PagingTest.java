package bankrisk.api.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import bank.common.v1.PageInfo;
import bank.common.v1.PageRequest;
import bankrisk.common.error.Violations;

class PagingTest {

    @Test
    void walksAListPageByPage() {
        Violations violations = new Violations();
        Paging.Page first = Paging.parse(PageRequest.newBuilder().setPageSize(2).build(), "page", violations);
        PageInfo firstInfo = Paging.info(first, 2, 5);
        Paging.Page second = Paging.parse(PageRequest.newBuilder().setPageSize(2).setPageToken(firstInfo.getNextPageToken()).build(), "page", violations);
        PageInfo lastInfo = Paging.info(new Paging.Page(2, 4), 1, 5);

        assertThat(first).isEqualTo(new Paging.Page(2, 0));
        assertThat(second).isEqualTo(new Paging.Page(2, 2));
        assertThat(firstInfo.getTotalSize()).isEqualTo(5);
        assertThat(lastInfo.getNextPageToken()).isEmpty();
        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void defaultsTheSizeAndRejectsTamperedTokensAndHugePages() {
        Violations violations = new Violations();

        assertThat(Paging.parse(PageRequest.getDefaultInstance(), "page", violations).size()).isEqualTo(100);
        Paging.parse(PageRequest.newBuilder().setPageSize(1001).setPageToken("not-ours").build(), "page", violations);
        assertThatThrownBy(violations::throwIfAny)
                .hasMessage("page.page_size: must be between 1 and 1000 (0 for 100); page.page_token: is not a token this service issued");
    }
}
