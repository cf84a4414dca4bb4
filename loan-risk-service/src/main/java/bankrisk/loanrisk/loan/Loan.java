package bankrisk.loanrisk.loan;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A loan as currently booked. Amounts are in the loan's currency, at scale 2. */
@Entity
@Table(name = "loan")
public class Loan extends PanacheEntityBase {

    /** How the audit log names a loan (the classification run's GRADE_CHANGED SQL writes the same form). */
    public static String auditSubject(String loanId) {
        return "loan/" + loanId;
    }

    @Id
    @Column(name = "loan_id")
    public String loanId;

    @Column(name = "borrower_customer_number")
    public String borrowerCustomerNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "borrower_kind")
    public BorrowerKind borrowerKind;

    @Enumerated(EnumType.STRING)
    public Product product;

    @Column(name = "branch_code")
    public String branchCode;

    public String currency;

    public BigDecimal principal;

    @Column(name = "outstanding_balance")
    public BigDecimal outstandingBalance;

    @Column(name = "origination_date")
    public LocalDate originationDate;

    @Column(name = "maturity_date")
    public LocalDate maturityDate;

    @Enumerated(EnumType.STRING)
    @Column(name = "collateral_kind")
    public CollateralKind collateralKind;

    @Column(name = "collateral_value")
    public BigDecimal collateralValue;

    public boolean guaranteed;

    /** Annual effective contractual interest rate as a fraction; null when unknown. */
    @Column(name = "contractual_interest_rate")
    public BigDecimal contractualInterestRate;

    @Enumerated(EnumType.STRING)
    @Column(name = "repayment_method")
    public RepaymentMethod repaymentMethod;

    /** Committed but undrawn, in the loan's currency; null when unknown. */
    @Column(name = "undrawn_commitment")
    public BigDecimal undrawnCommitment;

    /** The category graded at origination as its rank 1..5 (NORMAL..LOSS); null when unknown. */
    @Column(name = "category_at_origination")
    public Short categoryAtOrigination;
}
