package bankrisk.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import bank.loanrisk.v1.LoadLoanFactsBatch;
import bank.loanrisk.v1.LoadLoanFactsRequest;
import bank.loanrisk.v1.LoadLoanFactsResponse;
import bank.loanrisk.v1.LoanRiskServiceGrpc;
import bank.tiering.v1.Balance;
import bank.tiering.v1.FxRate;
import bank.tiering.v1.LoadBalancesRequest;
import bank.tiering.v1.LoadBalancesResponse;
import bank.tiering.v1.PutFxRatesRequest;
import bank.tiering.v1.TieringServiceGrpc;
import bankrisk.cli.csv.BalanceCsv;
import bankrisk.cli.csv.CsvRows;
import bankrisk.cli.csv.FxRateCsv;
import bankrisk.cli.csv.LoanFactsCsv;
import io.grpc.ManagedChannel;

/**
 * CSV files into the services. Each file is read twice: once to check every line (a bad line fails with its line
 * number before anything is sent) and to count the rows for the progress bar, then to send.
 */
public final class Uploads {

    /** Rows per facts stream: one atomic load each, held in memory by the CLI (the server takes up to 10,000,000). */
    public static final int LOAN_ROWS_PER_STREAM = 100_000;
    /** Rows per LoadLoanFactsBatches message: about 1.3 MB with book data, under the server's 4 MiB message limit. */
    static final int LOAN_ROWS_PER_MESSAGE = 5_000;
    /** tiering-service's PutFxRates limit. */
    public static final int FX_RATES_PER_CALL = 10_000;

    private Uploads() {
    }

    public static LoadBalancesResponse balances(ManagedChannel channel, Path csv, int chunk, Progress progress) throws IOException {
        CsvRows<Balance> rows = new CsvRows<>(csv, BalanceCsv.COLUMNS, Set.of(), BalanceCsv::parse);
        long total = rows.validate();
        Iterator<List<Balance>> chunks = rows.chunks(chunk);
        long[] sent = new long[1];
        Iterator<LoadBalancesRequest> requests = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return chunks.hasNext();
            }

            @Override
            public LoadBalancesRequest next() {
                List<Balance> c = chunks.next();
                sent[0] += c.size();
                return LoadBalancesRequest.newBuilder().addAllBalances(c).build();
            }
        };
        LoadBalancesResponse response = ClientStreams.send(TieringServiceGrpc.newStub(channel)::loadBalances, requests,
                n -> progress.update("balances", sent[0], total));
        progress.done(String.format("balances: %,d received, %,d new, %,d replaced", response.getReceived(), response.getInserted(),
                response.getReplaced()));
        return response;
    }

    public static long fxRates(ManagedChannel channel, Path csv, Progress progress) throws IOException {
        CsvRows<FxRate> rows = new CsvRows<>(csv, FxRateCsv.COLUMNS, Set.of(), FxRateCsv::parse);
        long total = rows.validate();
        long[] stored = new long[1];
        long[] sent = new long[1];
        TieringServiceGrpc.TieringServiceBlockingStub stub = TieringServiceGrpc.newBlockingStub(channel);
        rows.forEachChunk(FX_RATES_PER_CALL, chunk -> {
            stored[0] += stub.putFxRates(PutFxRatesRequest.newBuilder().addAllRates(chunk).build()).getStored();
            sent[0] += chunk.size();
            progress.update("fx rates", sent[0], total);
        });
        progress.done(String.format("fx rates: %,d stored", stored[0]));
        return stored[0];
    }

    /**
     * Loan facts, split into streams of at most {@code rowsPerStream} rows, each sent as LoadLoanFactsBatches messages
     * of {@link #LOAN_ROWS_PER_MESSAGE} rows (one row per message costs more than the row). Each stream is
     * atomic on the server; a failure in a later stream leaves the earlier ones stored, and re-running the same file
     * is safe (idempotent by loan and date).
     */
    public static LoadLoanFactsResponse loanFacts(ManagedChannel channel, Path csv, int rowsPerStream, Progress progress)
            throws IOException {
        CsvRows<LoadLoanFactsRequest> rows = new CsvRows<>(csv, LoanFactsCsv.REQUIRED, LoanFactsCsv.OPTIONAL, LoanFactsCsv::parse);
        long total = rows.validate();
        LoanRiskServiceGrpc.LoanRiskServiceStub stub = LoanRiskServiceGrpc.newStub(channel);
        LoadLoanFactsResponse.Builder sum = LoadLoanFactsResponse.newBuilder();
        long done = 0;
        Iterator<List<LoadLoanFactsRequest>> streams = rows.chunks(rowsPerStream);
        while (streams.hasNext()) {
            List<LoadLoanFactsRequest> stream = streams.next();
            long before = done;
            Iterator<LoadLoanFactsBatch> batches = IntStream.range(0, (stream.size() + LOAN_ROWS_PER_MESSAGE - 1) / LOAN_ROWS_PER_MESSAGE)
                    .mapToObj(m -> LoadLoanFactsBatch.newBuilder()
                            .addAllRows(stream.subList(m * LOAN_ROWS_PER_MESSAGE, Math.min(stream.size(), (m + 1) * LOAN_ROWS_PER_MESSAGE)))
                            .build())
                    .iterator();
            LoadLoanFactsResponse r = ClientStreams.send(stub::loadLoanFactsBatches, batches,
                    n -> progress.update("loan facts", before + Math.min(stream.size(), n * LOAN_ROWS_PER_MESSAGE), total));
            done += stream.size();
            sum.setRowsReceived(sum.getRowsReceived() + r.getRowsReceived())
                    .setFactsInserted(sum.getFactsInserted() + r.getFactsInserted())
                    .setFactsUpdated(sum.getFactsUpdated() + r.getFactsUpdated())
                    .setFactsUnchanged(sum.getFactsUnchanged() + r.getFactsUnchanged())
                    .setLoansRegistered(sum.getLoansRegistered() + r.getLoansRegistered())
                    .setLoansUpdated(sum.getLoansUpdated() + r.getLoansUpdated());
        }
        LoadLoanFactsResponse r = sum.build();
        progress.done(String.format("loan facts: %,d rows, %,d new, %,d updated, %,d unchanged; %,d loans registered, %,d updated",
                r.getRowsReceived(), r.getFactsInserted(), r.getFactsUpdated(), r.getFactsUnchanged(), r.getLoansRegistered(),
                r.getLoansUpdated()));
        return r;
    }
}
