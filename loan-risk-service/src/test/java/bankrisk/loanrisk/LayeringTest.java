package bankrisk.loanrisk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Style convention 3: domain code never sees the contract's generated classes nor the gRPC adapters. */
class LayeringTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("bankrisk.loanrisk");

    @Test
    void onlyTheGrpcPackageUsesGeneratedContractClasses() {
        noClasses().that().resideOutsideOfPackage("bankrisk.loanrisk.grpc..")
                .should().dependOnClassesThat().resideInAPackage("bank..")
                .check(classes);
    }

    @Test
    void domainCodeDoesNotDependOnTheAdapters() {
        noClasses().that().resideOutsideOfPackage("bankrisk.loanrisk.grpc..")
                .should().dependOnClassesThat().resideInAnyPackage("bankrisk.loanrisk.grpc..", "io.grpc..")
                .check(classes);
    }
}
