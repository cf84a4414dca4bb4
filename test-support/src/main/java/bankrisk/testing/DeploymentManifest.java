package bankrisk.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/**
 * A service's Kubernetes manifest ({@code deploy/kubernetes/<service>.yaml}): its resources by kind and name, its
 * Deployment's containers and the environment each one is given. The one reader of the manifest, for
 * {@link KubernetesManifestContract} and for CI, which starts each image with the environment its container gets
 * ({@link #main}: {@code .ci/images.sh}).
 */
public final class DeploymentManifest {

    private final String service;
    private final Map<String, Map<String, Object>> byKind;

    private DeploymentManifest(String service, Map<String, Map<String, Object>> byKind) {
        this.service = service;
        this.byKind = byKind;
    }

    /** Reads {@code deploy/kubernetes/<service>.yaml} under the repository root. */
    public static DeploymentManifest read(Path root, String service) throws IOException {
        Map<String, Map<String, Object>> byKind = new HashMap<>();
        try (Reader manifest = Files.newBufferedReader(root.resolve("deploy/kubernetes/" + service + ".yaml"))) {
            for (Object document : new Yaml().loadAll(manifest)) {
                Map<String, Object> resource = map(document);
                String name = (String) map(resource.get("metadata")).get("name");
                byKind.put(resource.get("kind") + "/" + name, resource);
            }
        }
        return new DeploymentManifest(service, byKind);
    }

    public boolean has(String kindAndName) {
        return byKind.containsKey(kindAndName);
    }

    /** A resource, e.g. {@code ConfigMap/tiering-service-config}; absent is an error naming the file. */
    public Map<String, Object> resource(String kindAndName) {
        if (!has(kindAndName)) {
            throw new IllegalArgumentException(
                    "deploy/kubernetes/" + service + ".yaml has no " + kindAndName + "; it has " + byKind.keySet());
        }
        return byKind.get(kindAndName);
    }

    public Map<String, Object> podSpec() {
        return map(map(map(resource("Deployment/" + service).get("spec")).get("template")).get("spec"));
    }

    public List<Object> containers() {
        return new ArrayList<>((List<?>) podSpec().get("containers"));
    }

    public List<Object> initContainers() {
        return new ArrayList<>((List<?>) podSpec().getOrDefault("initContainers", List.of()));
    }

    /** The Deployment's container or init container of that name. */
    public Map<String, Object> container(String name) {
        List<Object> all = containers();
        all.addAll(initContainers());
        for (Object container : all) {
            if (name.equals(map(container).get("name"))) {
                return map(container);
            }
        }
        throw new IllegalArgumentException("Deployment/" + service + " has no container " + name);
    }

    /** The variables a container sets itself ({@code env}, literal values only). */
    public static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Object variable : (List<?>) container.getOrDefault("env", List.of())) {
            env.put((String) map(variable).get("name"), (String) map(variable).get("value"));
        }
        return env;
    }

    /** Where a container's {@code envFrom} takes variables from, in order: {@code ConfigMap/x}, {@code Secret/y}. */
    public static List<String> sources(Map<String, Object> container) {
        List<String> sources = new ArrayList<>();
        for (Object source : (List<?>) container.getOrDefault("envFrom", List.of())) {
            Map<String, Object> from = map(source);
            sources.add(from.containsKey("configMapRef") ? "ConfigMap/" + map(from.get("configMapRef")).get("name")
                    : "Secret/" + map(from.get("secretRef")).get("name"));
        }
        return sources;
    }

    /** A ConfigMap's {@code data} or a Secret's {@code stringData}. */
    public Map<String, String> variables(String source) {
        Map<String, Object> resource = resource(source);
        Map<String, String> variables = new LinkedHashMap<>();
        map(resource.get(source.startsWith("ConfigMap/") ? "data" : "stringData"))
                .forEach((name, value) -> variables.put(name, String.valueOf(value)));
        return variables;
    }

    /**
     * The environment a container starts with, as the kubelet builds it: its {@code envFrom} sources in order (a
     * later one wins), then its own {@code env}.
     */
    public Map<String, String> environment(Map<String, Object> container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String source : sources(container)) {
            environment.putAll(variables(source));
        }
        environment.putAll(env(container));
        return environment;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /**
     * {@code DeploymentManifest <repository root> <service> <container>}: prints the container's environment as
     * {@code NAME=value} lines (values here never hold a line break).
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: DeploymentManifest <repository root> <service> <container>");
            System.exit(2);
        }
        DeploymentManifest manifest = read(Path.of(args[0]), args[1]);
        manifest.environment(manifest.container(args[2]))
                .forEach((name, value) -> System.out.println(name + "=" + value));
    }
}
