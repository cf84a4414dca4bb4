package bankrisk.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layering every service keeps: domain code (everything outside the {@code grpc} and {@code rest} adapter
 * packages) is plain Java that knows neither the generated contract classes nor gRPC, so rules and arithmetic can
 * be read and unit-tested alone, and a contract change touches only the adapters.
 */
public abstract class LayeringContract {

    private final String basePackage;

    protected LayeringContract(String basePackage) {
        this.basePackage = basePackage;
    }

    @Test
    void domainCodeDoesNotUseTheContractsOrGrpc() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);

        noClasses().that().resideInAPackage(basePackage + "..")
                .and().resideOutsideOfPackages("..grpc..", "..rest..")
                .should().dependOnClassesThat().resideInAnyPackage("bank..", "io.grpc..", "io.quarkus.grpc..")
                .because("domain code is plain Java; only the grpc and rest adapters map contracts")
                .check(classes);
    }

    @Test
    void adaptersAreNotUsedByTheDomain() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);

        noClasses().that().resideInAPackage(basePackage + "..")
                .and().resideOutsideOfPackages("..grpc..", "..rest..")
                .should().dependOnClassesThat().resideInAnyPackage(basePackage + ".grpc..", basePackage + ".rest..")
                .check(classes);
    }
}
