package bankrisk.cli;

import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.file.NoSuchFileException;

import bankrisk.cli.csv.CsvException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine;

/**
 * The exit codes scripts can trust (documented in cli/README.md). One place maps every failure to one of them.
 */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** Anything not listed below (a bug, an INTERNAL status, an I/O error). */
    public static final int OTHER = 1;
    /** Bad usage or bad input: unknown option, malformed CSV, INVALID_ARGUMENT / OUT_OF_RANGE, HTTP 400. */
    public static final int USAGE = 2;
    /** NOT_FOUND, HTTP 404: a month, snapshot, run or policy that does not exist. */
    public static final int NOT_FOUND = 3;
    /** FAILED_PRECONDITION, ALREADY_EXISTS, ABORTED, HTTP 409: valid, but not allowed now (e.g. month not complete). */
    public static final int CONFLICT = 4;
    /** UNAVAILABLE, DEADLINE_EXCEEDED, connection refused, HTTP 503: retrying later may work. */
    public static final int UNAVAILABLE = 5;
    /** UNAUTHENTICATED, PERMISSION_DENIED, HTTP 401/403: no valid token, or a token without the role the call needs. */
    public static final int DENIED = 6;

    private ExitCodes() {
    }

    public static int of(Status.Code code) {
        return switch (code) {
            case OK -> OK;
            case INVALID_ARGUMENT, OUT_OF_RANGE -> USAGE;
            case NOT_FOUND -> NOT_FOUND;
            case FAILED_PRECONDITION, ALREADY_EXISTS, ABORTED -> CONFLICT;
            case UNAVAILABLE, DEADLINE_EXCEEDED -> UNAVAILABLE;
            case UNAUTHENTICATED, PERMISSION_DENIED -> DENIED;
            default -> OTHER;
        };
    }

    public static int ofHttp(int status) {
        if (status >= 200 && status < 300) {
            return OK;
        }
        return switch (status) {
            case 400, 422 -> USAGE;
            case 404 -> NOT_FOUND;
            case 409, 412 -> CONFLICT;
            case 502, 503, 504 -> UNAVAILABLE;
            case 401, 403 -> DENIED;
            default -> OTHER;
        };
    }

    /** The exit code of a failure, looking through wrapping exceptions for the first one it knows. */
    public static int of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CliException e) {
                return e.exitCode();
            }
            if (t instanceof StatusRuntimeException e) {
                return of(e.getStatus().getCode());
            }
            if (t instanceof io.grpc.StatusException e) {
                return of(e.getStatus().getCode());
            }
            if (t instanceof CsvException || t instanceof NoSuchFileException || t instanceof FileNotFoundException
                    || t instanceof CommandLine.ParameterException) {
                return USAGE;
            }
            if (t instanceof ConnectException || t instanceof HttpTimeoutException) {
                return UNAVAILABLE;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return OTHER;
    }

    /** What to print for a failure: the status and its description for gRPC, the message otherwise. */
    public static String message(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StatusRuntimeException e) {
                Status s = e.getStatus();
                String description = s.getDescription() == null ? "" : ": " + s.getDescription();
                if (s.getCode() == Status.Code.UNAVAILABLE && s.getCause() != null && s.getCause().getMessage() != null) {
                    description += " (" + s.getCause().getMessage() + ")";
                }
                return s.getCode() + description;
            }
            if (t instanceof CliException || t instanceof CsvException) {
                return t.getMessage();
            }
            if (t instanceof NoSuchFileException e) {
                return "no such file: " + e.getFile();
            }
            if (t instanceof ConnectException) {
                return "cannot connect: " + (t.getMessage() == null ? "connection refused" : t.getMessage());
            }
            if (t.getCause() == null || t.getCause() == t) {
                return t.getMessage() == null ? t.toString() : t.getMessage();
            }
        }
        return String.valueOf(failure);
    }
}
