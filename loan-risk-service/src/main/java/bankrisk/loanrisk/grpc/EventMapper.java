package bankrisk.loanrisk.grpc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import bank.common.v1.Money;
import bank.loanrisk.v1.ForeclosureDetails;
import bank.loanrisk.v1.LoadLoanEventsResponse;
import bank.loanrisk.v1.LoanEvent;
import bank.loanrisk.v1.LoanEventKind;
import bank.loanrisk.v1.LoanEventStatus;
import bank.loanrisk.v1.RestructureDetails;
import bank.loanrisk.v1.TransferDetails;
import bank.loanrisk.v1.WriteOffDetails;
import bankrisk.api.convert.Dates;
import bankrisk.api.convert.Decimals;
import bankrisk.api.convert.Enums;
import bankrisk.api.convert.Texts;
import bankrisk.common.error.Violations;
import bankrisk.loanrisk.event.EventKind;
import bankrisk.loanrisk.event.EventRow;
import bankrisk.loanrisk.event.EventsLoadResult;
import bankrisk.platform.load.RowReader;

/** Maps loan events: a unary call's event is named {@code event.…} in errors, a stream's rows {@code events[i].…}. */
final class EventMapper {

    static final int EVENT_ID_LENGTH = 64;

    private EventMapper() {
    }

    /** The events of a stream message, each read when the load takes it (under its index across the whole call). */
    static List<RowReader<EventRow>> readers(List<LoanEvent> events) {
        List<RowReader<EventRow>> readers = new ArrayList<>(events.size());
        for (LoanEvent event : events) {
            readers.add((path, violations) -> toDomain(event, path.prefix(), violations));
        }
        return readers;
    }

    /** The event of a unary call. */
    static RowReader<EventRow> reader(LoanEvent event) {
        return (path, violations) -> toDomain(event, "event.", violations);
    }

    /** Reads every field on its own and the kind-specific shape; what needs the loan is the load's to check. */
    static EventRow toDomain(LoanEvent in, String prefix, Violations violations) {
        String eventId = Texts.identifier(in.getEventId(), prefix + "event_id", EVENT_ID_LENGTH, violations);
        String loanId = Texts.identifier(in.getLoanId(), prefix + "loan_id", 40, violations);
        EventKind kind = Enums.fromProto(in.getKind(), EventKind.class, prefix + "kind", violations);
        LocalDate effective = Dates.parse(in.getEffectiveDate(), prefix + "effective_date", violations);
        String currency = null;
        BigDecimal amount = null;
        if (kind != null && kind.hasAmount()) {
            if (!in.hasAmount()) {
                violations.add(prefix + "amount", "is required for " + in.getKind());
            } else {
                amount = Decimals.parseAmount(in.getAmount(), prefix + "amount", violations);
                currency = Decimals.parseCurrency(in.getAmount().getCurrencyCode(), prefix + "amount.currency_code", violations);
                if (amount != null && amount.signum() <= 0) {
                    violations.add(prefix + "amount.amount", "must be positive");
                    amount = null;
                }
            }
        } else if (kind != null) {
            violations.require(!in.hasAmount(), prefix + "amount", "must be unset for " + in.getKind());
        }
        if (kind != null && expectedDetails(kind) != in.getDetailsCase()) {
            violations.add(prefix + detailsField(in.getDetailsCase(), kind), expectedDetails(kind) == LoanEvent.DetailsCase.DETAILS_NOT_SET
                    ? "must be unset for " + in.getKind()
                    : "is required for " + in.getKind() + " (and no other details)");
            return null;
        }
        String approvalReference = null;
        BigDecimal price = null;
        String counterparty = null;
        BigDecimal assetValue = null;
        String assetDescription = null;
        Boolean difficulty = null;
        LocalDate firstRepayment = null;
        Integer periodMonths = null;
        switch (in.getDetailsCase()) {
            case WRITE_OFF -> approvalReference = Texts.line(in.getWriteOff().getApprovalReference(),
                    prefix + "write_off.approval_reference", 100, violations);
            case TRANSFER -> {
                TransferDetails t = in.getTransfer();
                price = amountIn(t.getPrice(), t.hasPrice(), currency, prefix + "transfer.price", violations);
                counterparty = blankToNull(Texts.optionalLine(t.getCounterparty(), prefix + "transfer.counterparty", 200, violations));
            }
            case FORECLOSURE -> {
                ForeclosureDetails f = in.getForeclosure();
                assetValue = amountIn(f.getAssetValue(), f.hasAssetValue(), currency, prefix + "foreclosure.asset_value", violations);
                assetDescription = blankToNull(Texts.optionalLine(f.getAssetDescription(), prefix + "foreclosure.asset_description",
                        200, violations));
            }
            case RESTRUCTURE -> {
                RestructureDetails r = in.getRestructure();
                difficulty = r.getForFinancialDifficulty();
                if (difficulty) {
                    firstRepayment = Dates.parse(r.getFirstRepaymentDate(), prefix + "restructure.first_repayment_date", violations);
                    periodMonths = r.getRepaymentPeriodMonths();
                    if (periodMonths < 1 || periodMonths > 12) {
                        violations.add(prefix + "restructure.repayment_period_months", "must be 1..12 months");
                        periodMonths = null;
                    }
                } else {
                    violations.require(!r.hasFirstRepaymentDate() && r.getRepaymentPeriodMonths() == 0, prefix + "restructure",
                            "first_repayment_date and repayment_period_months only with for_financial_difficulty");
                }
            }
            default -> {
            }
        }
        return new EventRow(eventId, loanId, kind, effective, currency, amount, approvalReference, price, counterparty,
                assetValue, assetDescription, difficulty, firstRepayment, periodMonths);
    }

    /** A price or asset value: not negative, in the event's currency. */
    private static BigDecimal amountIn(Money money, boolean present, String currency, String field, Violations violations) {
        if (!present) {
            violations.add(field, "is required");
            return null;
        }
        BigDecimal value = Decimals.parseAmount(money, field, violations);
        if (value != null && value.signum() < 0) {
            violations.add(field + ".amount", "must not be negative");
        }
        if (currency != null && !currency.equals(money.getCurrencyCode())) {
            violations.add(field + ".currency_code", "must be the amount's currency " + currency);
        }
        return value;
    }

    private static LoanEvent.DetailsCase expectedDetails(EventKind kind) {
        return switch (kind) {
            case WRITE_OFF -> LoanEvent.DetailsCase.WRITE_OFF;
            case TRANSFER -> LoanEvent.DetailsCase.TRANSFER;
            case FORECLOSURE -> LoanEvent.DetailsCase.FORECLOSURE;
            case RESTRUCTURE -> LoanEvent.DetailsCase.RESTRUCTURE;
            case DISBURSEMENT, REPAYMENT, RECOVERY -> LoanEvent.DetailsCase.DETAILS_NOT_SET;
        };
    }

    /** The field to name: the details sent when they are wrong, else the ones missing. */
    private static String detailsField(LoanEvent.DetailsCase sent, EventKind kind) {
        LoanEvent.DetailsCase named = sent != LoanEvent.DetailsCase.DETAILS_NOT_SET ? sent : expectedDetails(kind);
        return switch (named) {
            case WRITE_OFF -> "write_off";
            case TRANSFER -> "transfer";
            case FORECLOSURE -> "foreclosure";
            case RESTRUCTURE -> "restructure";
            case DETAILS_NOT_SET -> "details";
        };
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    static LoanEvent toProto(bankrisk.loanrisk.event.LoanEvent e, BigDecimal balanceAfter) {
        LoanEvent.Builder out = LoanEvent.newBuilder()
                .setEventId(e.eventId)
                .setLoanId(e.loanId)
                .setKind(Enums.toProto(e.kind, LoanEventKind.class))
                .setEffectiveDate(Dates.toDate(e.effectiveDate))
                .setStatus(Enums.toProto(e.status, LoanEventStatus.class))
                .setRecordedBy(e.recordedBy)
                .setDecidedBy(e.decidedBy == null ? "" : e.decidedBy)
                .setDecisionComment(e.decisionComment == null ? "" : e.decisionComment);
        if (e.amount != null) {
            out.setAmount(Decimals.toMoney(e.amount, e.currency));
        }
        switch (e.kind) {
            case WRITE_OFF -> out.setWriteOff(WriteOffDetails.newBuilder().setApprovalReference(e.approvalReference));
            case TRANSFER -> out.setTransfer(TransferDetails.newBuilder().setPrice(Decimals.toMoney(e.price, e.currency))
                    .setCounterparty(e.counterparty == null ? "" : e.counterparty));
            case FORECLOSURE -> out.setForeclosure(ForeclosureDetails.newBuilder()
                    .setAssetValue(Decimals.toMoney(e.assetValue, e.currency))
                    .setAssetDescription(e.assetDescription == null ? "" : e.assetDescription));
            case RESTRUCTURE -> {
                RestructureDetails.Builder r = RestructureDetails.newBuilder()
                        .setForFinancialDifficulty(Boolean.TRUE.equals(e.forFinancialDifficulty));
                if (e.firstRepaymentDate != null) {
                    r.setFirstRepaymentDate(Dates.toDate(e.firstRepaymentDate))
                            .setRepaymentPeriodMonths(e.repaymentPeriodMonths)
                            .setObservationEnd(Dates.toDate(e.observationEnd));
                }
                out.setRestructure(r);
            }
            default -> {
            }
        }
        if (balanceAfter != null) {
            out.setBalanceAfter(Decimals.toMoney(balanceAfter, e.currency));
        }
        return out.build();
    }

    static LoadLoanEventsResponse toProto(EventsLoadResult result) {
        return LoadLoanEventsResponse.newBuilder()
                .setEventsReceived(result.received())
                .setEventsRecorded(result.recorded())
                .setEventsUnchanged(result.unchanged())
                .setWriteOffsProposed(result.writeOffsProposed())
                .build();
    }
}
