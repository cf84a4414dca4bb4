package bankrisk.cli;

import static bankrisk.testing.DeploymentManifest.env;
import static bankrisk.testing.DeploymentManifest.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bankrisk.testing.DeploymentManifest;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Keeps {@code deploy/kubernetes/month-end-cronjob.yaml} in step with the CLI and the services' manifests: the image
 * the CLI's Dockerfile builds, its user, a schedule of the 1st, no two month ends at once, args the CLI accepts,
 * the job's identity from its Secret, and addresses and issuer the services' manifests actually serve.
 */
class MonthEndCronJobTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    DeploymentManifest manifest;
    Map<String, Object> cronJob;
    Map<String, Object> pod;
    Map<String, Object> container;

    @BeforeEach
    void read() throws IOException {
        manifest = DeploymentManifest.read(ROOT, "month-end-cronjob");
        cronJob = map(manifest.resource("CronJob/month-end").get("spec"));
        pod = map(map(map(map(cronJob.get("jobTemplate")).get("spec")).get("template")).get("spec"));
        List<?> containers = (List<?>) pod.get("containers");
        assertThat(containers).hasSize(1);
        container = map(containers.get(0));
    }

    @Test
    void runsOnTheFirstOfEachMonthByTheBanksClockNeverTwiceAtOnce() throws IOException {
        assertThat(cronJob.get("schedule")).isEqualTo("0 2 1 * *");
        assertThat(cronJob.get("timeZone")).isEqualTo(BankRiskCommand.BANK_ZONE.getId());
        assertThat(cronJob.get("concurrencyPolicy")).isEqualTo("Forbid");
        assertThat(Files.readString(ROOT.resolve("deploy/kubernetes/kustomization.yaml"))).contains("  - month-end-cronjob.yaml");
    }

    @Test
    void theImageIsTheClisAndRunsAsItsNonRootUser() throws IOException {
        String version = new CommandLine(new BankRiskCommand()).getCommandSpec().version()[0].replace("bankrisk ", "");
        assertThat(container.get("image")).isEqualTo("bankrisk/cli:" + version);
        String dockerfile = Files.readString(ROOT.resolve("cli/src/main/docker/Dockerfile.jvm"));
        assertThat(dockerfile).contains("\nUSER 185\n", "COPY --chown=185 cli/target/quarkus-app/");
        Map<String, Object> security = map(pod.get("securityContext"));
        assertThat(security).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 185);
        assertThat(map(container.get("securityContext"))).containsEntry("allowPrivilegeEscalation", false)
                .containsEntry("readOnlyRootFilesystem", true);
        Map<String, Object> resources = map(container.get("resources"));
        assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
        assertThat(map(resources.get("limits"))).containsKeys("cpu", "memory");
    }

    @Test
    void theArgsAreAMonthEndOfThePreviousMonthTheCliAccepts() {
        @SuppressWarnings("unchecked")
        List<String> args = (List<String>) container.get("args");
        ParseResult parsed = new CommandLine(new BankRiskCommand()).parseArgs(args.toArray(String[]::new));
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("month-end");
        assertThat(parsed.subcommand().matchedOptionValue("--month", "")).isEqualTo("previous");
    }

    @Test
    void theJobsIdentityIsItsSigningKeyFromItsSecretWithTheServicesIssuer() throws IOException {
        Map<String, String> env = env(container);
        assertThat(manifest.variables("Secret/month-end-identity")).containsOnlyKeys("private.pem");
        Map<String, Object> identity = volume("identity");
        assertThat(map(identity.get("secret")).get("secretName")).isEqualTo("month-end-identity");
        String mountPath = (String) mount("identity").get("mountPath");
        assertThat(mount("identity")).containsEntry("readOnly", true);
        assertThat(env).containsEntry("BANKRISK_SIGNING_KEY", mountPath + "/private.pem");
        assertThat(env).doesNotContainKey("BANKRISK_TOKEN");

        for (String service : List.of("tiering-service", "loan-risk-service", "provision-service")) {
            DeploymentManifest serviceManifest = DeploymentManifest.read(ROOT, service);
            assertThat(env.get("JWT_ISSUER")).as(service)
                    .isEqualTo(serviceManifest.variables("ConfigMap/" + service + "-config").get("JWT_ISSUER"));
            String variable = "BANKRISK_" + service.replace("-service", "").replace('-', '_').toUpperCase();
            String[] hostPort = env.get(variable).split(":");
            Map<String, Object> grpc = map(serviceManifest.resource("Service/" + hostPort[0]).get("spec"));
            assertThat(((List<?>) grpc.get("ports")).stream().map(p -> map(p).get("port")))
                    .as(variable).contains(Integer.valueOf(hostPort[1]));
        }
    }

    private Map<String, Object> volume(String name) {
        return ((List<?>) pod.get("volumes")).stream().map(DeploymentManifest::map).filter(v -> name.equals(v.get("name")))
                .findFirst().orElseThrow();
    }

    private Map<String, Object> mount(String name) {
        return ((List<?>) container.get("volumeMounts")).stream().map(DeploymentManifest::map).filter(v -> name.equals(v.get("name")))
                .findFirst().orElseThrow();
    }
}
