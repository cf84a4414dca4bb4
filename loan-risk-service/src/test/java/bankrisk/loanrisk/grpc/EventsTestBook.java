package bankrisk.loanrisk.grpc;

import java.time.LocalDate;

import bank.common.v1.Money;
import bank.loanrisk.v1.ForeclosureDetails;
import bank.loanrisk.v1.LoanEvent;
import bank.loanrisk.v1.LoanEventKind;
import bank.loanrisk.v1.RecordLoanEventRequest;
import bank.loanrisk.v1.RestructureDetails;
import bank.loanrisk.v1.TransferDetails;
import bank.loanrisk.v1.WriteOffDetails;
import bankrisk.api.convert.Dates;

/** Small named builders of loan events for the gRPC tests (amounts in CNY unless a Money is given). */
final class EventsTestBook {

    private EventsTestBook() {
    }

    static LoanEvent.Builder event(String eventId, String loanId, LoanEventKind kind, LocalDate on, String amount) {
        return LoanEvent.newBuilder().setEventId(eventId).setLoanId(loanId).setKind(kind).setEffectiveDate(Dates.toDate(on))
                .setAmount(TestBook.cny(amount));
    }

    static LoanEvent.Builder disbursement(String eventId, String loanId, LocalDate on, String amount) {
        return event(eventId, loanId, LoanEventKind.LOAN_EVENT_KIND_DISBURSEMENT, on, amount);
    }

    static LoanEvent.Builder repayment(String eventId, String loanId, LocalDate on, String amount) {
        return event(eventId, loanId, LoanEventKind.LOAN_EVENT_KIND_REPAYMENT, on, amount);
    }

    static LoanEvent.Builder writeOff(String eventId, String loanId, LocalDate on, String amount) {
        return event(eventId, loanId, LoanEventKind.LOAN_EVENT_KIND_WRITE_OFF, on, amount)
                .setWriteOff(WriteOffDetails.newBuilder().setApprovalReference("HX-2026-" + eventId));
    }

    static LoanEvent.Builder recovery(String eventId, String loanId, LocalDate on, String amount) {
        return event(eventId, loanId, LoanEventKind.LOAN_EVENT_KIND_RECOVERY, on, amount);
    }

    static LoanEvent.Builder transfer(String eventId, String loanId, LocalDate on, String amount, String price) {
        return event(eventId, loanId, LoanEventKind.LOAN_EVENT_KIND_TRANSFER, on, amount)
                .setTransfer(TransferDetails.newBuilder().setPrice(TestBook.cny(price)).setCounterparty("华融资产"));
    }

    static LoanEvent.Builder foreclosure(String eventId, String loanId, LocalDate on, String amount, String assetValue) {
        return event(eventId, loanId, LoanEventKind.LOAN_EVENT_KIND_FORECLOSURE, on, amount)
                .setForeclosure(ForeclosureDetails.newBuilder().setAssetValue(TestBook.cny(assetValue)).setAssetDescription("flat"));
    }

    static LoanEvent.Builder restructure(String eventId, String loanId, LocalDate on, LocalDate firstRepayment, int periodMonths) {
        return LoanEvent.newBuilder().setEventId(eventId).setLoanId(loanId).setKind(LoanEventKind.LOAN_EVENT_KIND_RESTRUCTURE)
                .setEffectiveDate(Dates.toDate(on)).setRestructure(RestructureDetails.newBuilder().setForFinancialDifficulty(true)
                        .setFirstRepaymentDate(Dates.toDate(firstRepayment)).setRepaymentPeriodMonths(periodMonths));
    }

    static RecordLoanEventRequest record(LoanEvent.Builder event) {
        return RecordLoanEventRequest.newBuilder().setEvent(event).build();
    }

    static Money money(String amount, String currency) {
        return Money.newBuilder().setAmount(amount).setCurrencyCode(currency).build();
    }
}
