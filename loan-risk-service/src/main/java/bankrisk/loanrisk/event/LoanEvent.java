package bankrisk.loanrisk.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import bankrisk.loanrisk.approval.FourEyesDecision;

/**
 * An event of a loan as stored. Its content is written once, by the events load ({@link EventsLoad}, the one writer
 * of new events); this entity only reads events and writes a write-off's decision (maker-checker, {@code version}).
 */
@Entity
@Table(name = "loan_event")
public class LoanEvent extends FourEyesDecision {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "loan_id")
    public String loanId;

    @Enumerated(EnumType.STRING)
    public EventKind kind;

    @Column(name = "effective_date")
    public LocalDate effectiveDate;

    public String currency;

    /** Null for a restructuring. */
    public BigDecimal amount;

    @Column(name = "approval_reference")
    public String approvalReference;

    public BigDecimal price;

    public String counterparty;

    @Column(name = "asset_value")
    public BigDecimal assetValue;

    @Column(name = "asset_description")
    public String assetDescription;

    @Column(name = "for_financial_difficulty")
    public Boolean forFinancialDifficulty;

    @Column(name = "first_repayment_date")
    public LocalDate firstRepaymentDate;

    @Column(name = "repayment_period_months")
    public Integer repaymentPeriodMonths;

    @Column(name = "observation_end")
    public LocalDate observationEnd;

    @Enumerated(EnumType.STRING)
    public EventStatus status;

    @Column(name = "recorded_by")
    public String recordedBy;

    /** The database clock when recorded (set by the insert). */
    @Column(name = "recorded_at", insertable = false, updatable = false)
    public Instant recordedAt;

    @Override
    public String describe() {
        return "write-off " + eventId;
    }

    @Override
    public String proposedBy() {
        return recordedBy;
    }

    @Override
    public boolean pending() {
        return status == EventStatus.PENDING;
    }

    @Override
    public String decidedState() {
        return status.name();
    }
}
