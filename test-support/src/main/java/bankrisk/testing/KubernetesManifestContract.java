package bankrisk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps a service's checked-in Kubernetes manifest ({@code deploy/kubernetes/<service>.yaml}) in step with its
 * configuration: the ports the container exposes are the ones the application listens on, the probes hit the
 * health endpoints, every environment variable the application reads is provided, migrations run in an init
 * container that alone holds the schema owner's login, and the image is the one docker-compose builds.
 */
public abstract class KubernetesManifestContract {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    private final String service;
    private Map<String, Map<String, Object>> byKind;
    private Properties application;

    protected KubernetesManifestContract(String service) {
        this.service = service;
    }

    @BeforeEach
    void read() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        byKind = new HashMap<>();
        try (Reader manifest = Files.newBufferedReader(root.resolve("deploy/kubernetes/" + service + ".yaml"))) {
            for (Object document : new Yaml().loadAll(manifest)) {
                Map<String, Object> resource = map(document);
                String name = (String) map(resource.get("metadata")).get("name");
                byKind.put(resource.get("kind") + "/" + name, resource);
            }
        }
        application = new Properties();
        try (Reader properties = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            application.load(properties);
        }
    }

    @Test
    void containerPortsAreThePortsTheApplicationListensOn() {
        Map<String, Object> configMap = resource("ConfigMap/" + service + "-config");
        Map<String, Object> data = map(configMap.get("data"));

        assertThat(application.getProperty("quarkus.http.port")).startsWith("${HTTP_PORT:");
        assertThat(application.getProperty("quarkus.grpc.server.port")).startsWith("${GRPC_PORT:");
        assertThat(containerPorts()).containsEntry("http", Integer.valueOf((String) data.get("HTTP_PORT")))
                .containsEntry("grpc", Integer.valueOf((String) data.get("GRPC_PORT")));
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
        Set<String> provided = new TreeSet<>(map(resource("ConfigMap/" + service + "-config").get("data")).keySet());
        provided.addAll(map(resource("Secret/" + service + "-db").get("stringData")).keySet());
        provided.addAll(map(resource("Secret/" + service + "-db-migration").get("stringData")).keySet());
        Set<String> read = new TreeSet<>();
        for (String key : application.stringPropertyNames()) {
            if (key.startsWith("%")) {
                continue; // dev and test profiles are not deployed
            }
            Matcher reference = ENV_REFERENCE.matcher(application.getProperty(key));
            while (reference.find()) {
                read.add(reference.group(1));
            }
        }

        assertThat(provided).containsAll(read);
        assertThat(map(resource("Secret/" + service + "-db").get("stringData"))).containsOnlyKeys("DB_USER", "DB_PASSWORD");
        assertThat(map(resource("Secret/" + service + "-db-migration").get("stringData")))
                .containsOnlyKeys("DB_MIGRATION_USER", "DB_MIGRATION_PASSWORD");
    }

    @Test
    void migrationsRunInAnInitContainerThatAloneHasTheSchemaOwnersLogin() {
        assertThat(application.getProperty("quarkus.datasource.username")).startsWith("${DB_USER:");
        assertThat(application.getProperty("quarkus.flyway.username")).startsWith("${DB_MIGRATION_USER:");
        assertThat(application.getProperty("quarkus.flyway.password")).startsWith("${DB_MIGRATION_PASSWORD:");
        Map<String, Object> podSpec = podSpec();
        List<Object> initContainers = new ArrayList<>((List<?>) podSpec.get("initContainers"));
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

    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new HashMap<>();
        for (Object variable : (List<?>) container.getOrDefault("env", List.of())) {
            env.put((String) map(variable).get("name"), (String) map(variable).get("value"));
        }
        return env;
    }

    private static List<String> sources(Map<String, Object> container) {
        List<String> sources = new ArrayList<>();
        for (Object source : (List<?>) container.get("envFrom")) {
            Map<String, Object> from = map(source);
            sources.add(from.containsKey("configMapRef") ? "ConfigMap/" + map(from.get("configMapRef")).get("name")
                    : "Secret/" + map(from.get("secretRef")).get("name"));
        }
        return sources;
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

    private Map<String, Integer> containerPorts() {
        Map<String, Integer> ports = new HashMap<>();
        for (Object port : (List<?>) container().get("ports")) {
            ports.put((String) map(port).get("name"), (Integer) map(port).get("containerPort"));
        }
        return ports;
    }

    private Map<String, Object> podSpec() {
        return map(map(map(resource("Deployment/" + service).get("spec")).get("template")).get("spec"));
    }

    private Map<String, Object> container() {
        List<Object> containers = new ArrayList<>((List<?>) podSpec().get("containers"));
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    private static String probe(Map<String, Object> container, String kind) {
        Map<String, Object> httpGet = map(map(container.get(kind)).get("httpGet"));
        return httpGet.get("path") + "@" + httpGet.get("port");
    }

    private Map<String, Object> resource(String kindAndName) {
        assertThat(byKind).as("resources in deploy/kubernetes/%s.yaml", service).containsKey(kindAndName);
        return byKind.get(kindAndName);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
