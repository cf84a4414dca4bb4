package bankrisk.testing;

import static bankrisk.testing.DeploymentManifest.env;
import static bankrisk.testing.DeploymentManifest.sources;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps a service's checked-in Kubernetes manifest ({@code deploy/kubernetes/<service>.yaml}) in step with its
 * configuration: the ports the container exposes are the ones the application listens on, the probes hit the
 * health endpoints, every environment variable the application reads is provided, migrations run in an init
 * container that alone holds the schema owner's login, and the image is the one docker-compose builds. Once the
 * images are built (system property {@value #IMAGES_BUILT}), the image's own configuration too: the user, entrypoint,
 * ports, health check and environment the Deployment and docker-compose rely on.
 */
public abstract class KubernetesManifestContract {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern REQUIRED_ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");
    /** Set by CI (.ci/images.sh) once scripts/build-images.sh has built the images and written target/image.json. */
    private static final String IMAGES_BUILT = "bankrisk.images.built";

    private final String service;
    private DeploymentManifest manifest;
    private Properties application;

    protected KubernetesManifestContract(String service) {
        this.service = service;
    }

    @BeforeEach
    void read() throws IOException {
        manifest = DeploymentManifest.read(Path.of("..").toAbsolutePath().normalize(), service);
        application = new Properties();
        try (Reader properties = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            application.load(properties);
        }
    }

    @Test
    void containerPortsAreThePortsTheApplicationListensOn() {
        Map<String, String> data = manifest.variables("ConfigMap/" + service + "-config");

        assertThat(application.getProperty("quarkus.http.port")).startsWith("${HTTP_PORT:");
        assertThat(application.getProperty("quarkus.grpc.server.port")).startsWith("${GRPC_PORT:");
        assertThat(containerPorts()).containsEntry("http", Integer.valueOf(data.get("HTTP_PORT")))
                .containsEntry("grpc", Integer.valueOf(data.get("GRPC_PORT")));
    }

    @Test
    void probesHitTheHealthEndpointsOnTheHttpPort() {
        Map<String, Object> container = container();

        assertThat(probe(container, "startupProbe")).isEqualTo("/q/health/started@http");
        assertThat(probe(container, "livenessProbe")).isEqualTo("/q/health/live@http");
        assertThat(probe(container, "readinessProbe")).isEqualTo("/q/health/ready@http");
    }

    @Test
    void everyEnvironmentVariableTheApplicationReadsIsProvided() {
        Set<String> provided = new TreeSet<>(manifest.variables("ConfigMap/" + service + "-config").keySet());
        provided.addAll(manifest.variables("Secret/" + service + "-db").keySet());
        provided.addAll(manifest.variables("Secret/" + service + "-db-migration").keySet());

        assertThat(provided).containsAll(variablesTheApplicationReads(ENV_REFERENCE));
        assertThat(manifest.variables("Secret/" + service + "-db")).containsOnlyKeys("DB_USER", "DB_PASSWORD");
        assertThat(manifest.variables("Secret/" + service + "-db-migration"))
                .containsOnlyKeys("DB_MIGRATION_USER", "DB_MIGRATION_PASSWORD");
    }

    @Test
    void migrationsRunInAnInitContainerThatAloneHasTheSchemaOwnersLogin() {
        assertThat(application.getProperty("quarkus.datasource.username")).startsWith("${DB_USER:");
        assertThat(application.getProperty("quarkus.flyway.username")).startsWith("${DB_MIGRATION_USER:");
        assertThat(application.getProperty("quarkus.flyway.password")).startsWith("${DB_MIGRATION_PASSWORD:");
        List<Object> initContainers = manifest.initContainers();
        assertThat(initContainers).hasSize(1);
        Map<String, Object> migrate = map(initContainers.get(0));

        assertThat(migrate.get("name")).isEqualTo("migrate");
        assertThat(migrate.get("image")).isEqualTo(container().get("image"));
        assertThat(env(migrate)).containsEntry("QUARKUS_INIT_AND_EXIT", "true");
        assertThat(sources(migrate)).containsExactly("ConfigMap/" + service + "-config", "Secret/" + service + "-db",
                "Secret/" + service + "-db-migration");
        assertThat(env(container())).containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        assertThat(sources(container())).containsExactly("ConfigMap/" + service + "-config", "Secret/" + service + "-db");
    }

    @Test
    void servicesPointAtTheDeploymentsNamedPorts() {
        for (String name : List.of("Service/" + service, "Service/" + service + "-grpc")) {
            Map<String, Object> spec = map(resource(name).get("spec"));
            assertThat(map(spec.get("selector"))).containsEntry("app.kubernetes.io/name", service);
            for (Object port : (List<?>) spec.get("ports")) {
                assertThat(containerPorts()).containsKey((String) map(port).get("targetPort"));
            }
        }
        assertThat(map(resource("Service/" + service + "-grpc").get("spec"))).containsEntry("clusterIP", "None");
    }

    @Test
    void disruptionBudgetAndAutoscalerTargetTheDeployment() {
        Map<String, Object> pdb = map(resource("PodDisruptionBudget/" + service).get("spec"));
        Map<String, Object> hpa = map(resource("HorizontalPodAutoscaler/" + service).get("spec"));

        assertThat(map(map(pdb.get("selector")).get("matchLabels"))).containsEntry("app.kubernetes.io/name", service);
        assertThat(map(hpa.get("scaleTargetRef"))).containsEntry("kind", "Deployment").containsEntry("name", service);
        assertThat((Integer) hpa.get("minReplicas")).isGreaterThan((Integer) pdb.get("minAvailable"));
    }

    @Test
    void theImageIsTheOneDockerComposeBuilds() throws IOException {
        String compose = Files.readString(Path.of("..", "docker-compose.yml"));

        assertThat(compose).contains("image: " + container().get("image"));
        assertThat(Files.exists(Path.of("src/main/docker/Dockerfile.jvm"))).isTrue();
    }

    @Test
    @EnabledIfSystemProperty(named = IMAGES_BUILT, matches = "true")
    void theBuiltImageRunsAsTheDeploymentAndComposeExpect() throws IOException {
        Map<String, Object> image = builtImage();
        Map<String, Object> config = imageConfig(image);
        Object runAsUser = map(manifest.podSpec().get("securityContext")).get("runAsUser");

        assertThat(image.get("FromImage")).isIn(container().get("image"), "localhost/" + container().get("image"));
        assertThat(config.get("User")).isEqualTo(String.valueOf(runAsUser));
        // Neither the service's container nor the init container replaces the image's entrypoint: the process CI
        // started from the image is the one the pods run.
        assertThat((List<?>) config.get("Entrypoint")).isNotEmpty();
        assertThat(container()).doesNotContainKeys("command", "args");
        assertThat(manifest.container("migrate")).doesNotContainKeys("command", "args");
        assertThat(map(config.get("ExposedPorts")).keySet()).containsExactlyInAnyOrderElementsOf(
                containerPorts().values().stream().map(port -> port + "/tcp").toList());
        for (Object published : (List<?>) composeService().get("ports")) {
            String containerPort = String.valueOf(published).replaceAll(".*:", "");
            assertThat(map(config.get("ExposedPorts"))).containsKey(containerPort + "/tcp");
        }
    }

    @Test
    @EnabledIfSystemProperty(named = IMAGES_BUILT, matches = "true")
    void theBuiltImagesHealthCheckIsTheReadinessProbe() throws IOException {
        Map<String, Object> config = imageConfig(builtImage());
        List<?> test = (List<?>) map(config.get("Healthcheck")).get("Test");
        String httpPort = manifest.variables("ConfigMap/" + service + "-config").get("HTTP_PORT");

        assertThat(String.join(" ", test.stream().map(String::valueOf).toList()))
                .contains("http://localhost:" + httpPort + probe(container(), "readinessProbe").replace("@http", ""));
        Map<String, Object> composeHealthCheck = map(composeService().get("healthcheck"));
        if (composeHealthCheck != null) {
            assertThat(composeHealthCheck.get("test")).isEqualTo(test);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = IMAGES_BUILT, matches = "true")
    void theBuiltImagesEnvironmentAgreesWithTheDeploymentAndLeavesItsRequiredSettingsToIt() throws IOException {
        Map<String, String> image = new TreeMap<>();
        for (Object variable : (List<?>) imageConfig(builtImage()).get("Env")) {
            String[] nameAndValue = String.valueOf(variable).split("=", 2);
            image.put(nameAndValue[0], nameAndValue[1]);
        }
        Map<String, String> deployment = manifest.environment(container());
        Map<String, String> compose = new TreeMap<>();
        map(composeService().get("environment")).forEach((name, value) -> compose.put(name, String.valueOf(value)));

        for (Map<String, String> runtime : List.of(deployment, compose)) {
            for (String name : image.keySet()) {
                if (runtime.containsKey(name)) {
                    assertThat(runtime.get(name)).as(name).isEqualTo(image.get(name));
                }
            }
        }
        // A deployment that leaves out a setting without default (the token key) stops at start, as CI proves for
        // JWT_PUBLIC_KEY_LOCATION, and credentials come from the Secrets: the image supplies none of its own.
        assertThat(image).doesNotContainKeys(variablesTheApplicationReads(REQUIRED_ENV_REFERENCE).toArray(String[]::new));
        for (String secret : List.of("Secret/" + service + "-db", "Secret/" + service + "-db-migration")) {
            assertThat(image).doesNotContainKeys(manifest.variables(secret).keySet().toArray(String[]::new));
        }
        // Heap at half the memory limit: the image's JAVA_OPTS, which neither the Deployment nor compose replace.
        assertThat(image.get("JAVA_OPTS")).contains("-XX:MaxRAMPercentage=50");
        assertThat(deployment).doesNotContainKey("JAVA_OPTS");
        assertThat(compose).doesNotContainKey("JAVA_OPTS");
    }

    /** What scripts/build-images.sh wrote to target/image.json: {@code buildah inspect --type image} of the image. */
    private static Map<String, Object> builtImage() throws IOException {
        try (Reader json = Files.newBufferedReader(Path.of("target/image.json"))) {
            return map(new Yaml().load(json));
        }
    }

    /** The image's Docker-format config (User, Entrypoint, ExposedPorts, Healthcheck, Env). */
    private static Map<String, Object> imageConfig(Map<String, Object> image) {
        return map(map(image.get("Docker")).get("config"));
    }

    private Map<String, Object> composeService() throws IOException {
        try (Reader compose = Files.newBufferedReader(Path.of("..", "docker-compose.yml"))) {
            return map(map(map(new Yaml().load(compose)).get("services")).get(service));
        }
    }

    /** The environment variables the deployed profile reads, of references the pattern matches. */
    private Set<String> variablesTheApplicationReads(Pattern reference) {
        Set<String> read = new TreeSet<>();
        for (String key : application.stringPropertyNames()) {
            if (key.startsWith("%")) {
                continue; // dev and test profiles are not deployed
            }
            Matcher matcher = reference.matcher(application.getProperty(key));
            while (matcher.find()) {
                read.add(matcher.group(1));
            }
        }
        return read;
    }

    private Map<String, Integer> containerPorts() {
        Map<String, Integer> ports = new HashMap<>();
        for (Object port : (List<?>) container().get("ports")) {
            ports.put((String) map(port).get("name"), (Integer) map(port).get("containerPort"));
        }
        return ports;
    }

    private Map<String, Object> container() {
        List<Object> containers = manifest.containers();
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    private static String probe(Map<String, Object> container, String kind) {
        Map<String, Object> httpGet = map(map(container.get(kind)).get("httpGet"));
        return httpGet.get("path") + "@" + httpGet.get("port");
    }

    private Map<String, Object> resource(String kindAndName) {
        return manifest.resource(kindAndName);
    }

    private static Map<String, Object> map(Object value) {
        return DeploymentManifest.map(value);
    }
}
