package bankrisk.provision.policy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One version of a provisioning policy. Stored versions are never changed. */
@Entity
@Table(name = "provision_policy")
public class ProvisionPolicy extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "provision_policy_seq")
    @SequenceGenerator(name = "provision_policy_seq", sequenceName = "provision_policy_seq", allocationSize = 50)
    public Long id;

    @Column(name = "policy_code")
    public String policyCode;

    public int version;

    public String name;

    @Column(name = "effective_from")
    public LocalDate effectiveFrom;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "provision_policy_rate", joinColumns = @JoinColumn(name = "policy_id"))
    public List<CategoryRate> rates = new ArrayList<>();

    @Column(name = "general_reserve_rate")
    public BigDecimal generalReserveRate;

    @Enumerated(EnumType.STRING)
    public ProvisionBase base;

    public String source;

    /** An impairment allowance or MOF's general risk reserve. */
    @Enumerated(EnumType.STRING)
    public PolicyPurpose purpose = PolicyPurpose.IMPAIRMENT_ALLOWANCE;

    /** The rule book it says it follows; a regulatory one's bands are the regulation's. */
    @Enumerated(EnumType.STRING)
    public PolicyFramework framework = PolicyFramework.BANK_OWN;

    /** Where cash recovered on a written-off loan is booked (V8); versioned with the policy. */
    @Enumerated(EnumType.STRING)
    @Column(name = "recovery_booking")
    public RecoveryBooking recoveryBooking = RecoveryBooking.ALLOWANCE;

    /** The rate of a category; every stored policy has all five. */
    public CategoryRate rateOf(LoanCategory category) {
        return rates.stream().filter(r -> r.category == category).findFirst()
                .orElseThrow(() -> new IllegalStateException("policy " + policyCode + " v" + version + " has no rate for " + category));
    }

    /** The numbers the provision arithmetic reads, as a plain value. */
    public PolicyRates policyRates() {
        Map<LoanCategory, BigDecimal> byCategory = new EnumMap<>(LoanCategory.class);
        for (LoanCategory category : LoanCategory.values()) {
            byCategory.put(category, rateOf(category).rate);
        }
        return new PolicyRates(base, byCategory, generalReserveRate);
    }
}
