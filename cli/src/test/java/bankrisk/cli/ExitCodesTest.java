package bankrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import bankrisk.cli.csv.CsvException;
import io.grpc.Status;

class ExitCodesTest {

    @Test
    void grpcStatusesMapToTheDocumentedCodes() {
        assertThat(ExitCodes.of(Status.Code.OK)).isZero();
        assertThat(ExitCodes.of(Status.Code.INVALID_ARGUMENT)).isEqualTo(2);
        assertThat(ExitCodes.of(Status.Code.OUT_OF_RANGE)).isEqualTo(2);
        assertThat(ExitCodes.of(Status.Code.NOT_FOUND)).isEqualTo(3);
        assertThat(ExitCodes.of(Status.Code.FAILED_PRECONDITION)).isEqualTo(4);
        assertThat(ExitCodes.of(Status.Code.ALREADY_EXISTS)).isEqualTo(4);
        assertThat(ExitCodes.of(Status.Code.ABORTED)).isEqualTo(4);
        assertThat(ExitCodes.of(Status.Code.UNAVAILABLE)).isEqualTo(5);
        assertThat(ExitCodes.of(Status.Code.DEADLINE_EXCEEDED)).isEqualTo(5);
        assertThat(ExitCodes.of(Status.Code.INTERNAL)).isEqualTo(1);
        assertThat(ExitCodes.of(Status.Code.UNKNOWN)).isEqualTo(1);
        assertThat(ExitCodes.of(Status.Code.PERMISSION_DENIED)).isEqualTo(6);
        assertThat(ExitCodes.of(Status.Code.UNAUTHENTICATED)).isEqualTo(6);
        assertThat(ExitCodes.of(Status.Code.RESOURCE_EXHAUSTED)).isEqualTo(1);
    }

    @Test
    void httpStatusesMapTheSameWay() {
        assertThat(ExitCodes.ofHttp(200)).isZero();
        assertThat(ExitCodes.ofHttp(400)).isEqualTo(2);
        assertThat(ExitCodes.ofHttp(404)).isEqualTo(3);
        assertThat(ExitCodes.ofHttp(409)).isEqualTo(4);
        assertThat(ExitCodes.ofHttp(503)).isEqualTo(5);
        assertThat(ExitCodes.ofHttp(401)).isEqualTo(6);
        assertThat(ExitCodes.ofHttp(403)).isEqualTo(6);
        assertThat(ExitCodes.ofHttp(500)).isEqualTo(1);
    }

    @Test
    void failuresAreRecognisedThroughWrappers() {
        var notFound = Status.NOT_FOUND.withDescription("evaluation 2026-10 not found").asRuntimeException();
        assertThat(ExitCodes.of(new ExecutionException(notFound))).isEqualTo(3);
        assertThat(ExitCodes.message(new ExecutionException(notFound))).isEqualTo("NOT_FOUND: evaluation 2026-10 not found");
        assertThat(ExitCodes.of(new CsvException("a.csv", 7, "bad"))).isEqualTo(2);
        assertThat(ExitCodes.message(new RuntimeException(new CsvException("a.csv", 7, "bad")))).isEqualTo("a.csv:7: bad");
        assertThat(ExitCodes.of(new NoSuchFileException("x.csv"))).isEqualTo(2);
        assertThat(ExitCodes.of(new ConnectException("refused"))).isEqualTo(5);
        assertThat(ExitCodes.of(new CliException(4, "conflict"))).isEqualTo(4);
        assertThat(ExitCodes.of(new IllegalStateException("bug"))).isEqualTo(1);
    }
}
