package qingyuan.opensearch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a single OpenSearch node inside this JVM, without the official
 * distribution or its Bootstrap class.
 *
 * <p>Because Bootstrap is skipped, none of its production checks run: no
 * "can not run as root" refusal, no JarHell / security manager / mmap-count /
 * heap-size checks. That is what makes it usable in CI containers running as
 * root; it is meant for tests and local development only.
 *
 * <p>Settings, lowest precedence first:
 * <ol>
 *   <li>the development defaults in {@link #DEFAULTS};</li>
 *   <li>{@code <path.home>/config/opensearch.yml}, if present;</li>
 *   <li>{@code -Ekey=value} command-line arguments (as with the real CLI).</li>
 * </ol>
 * {@code path.home} (data, logs and config live under it) must be given,
 * either as {@code -Epath.home=DIR} or via the system property {@code opensearch.path.home}.
 */
public final class EmbeddedOpenSearch {

    /** Plugins normally shipped as modules/plugins of the distribution, loaded from the classpath. */
    private static final List<Class<? extends Plugin>> PLUGINS = List.of(
        Netty4Plugin.class,           // HTTP and transport
        CommonAnalysisPlugin.class,   // analysis-common module
        MapperExtrasPlugin.class,     // search_as_you_type & co.
        ReindexPlugin.class,          // _reindex, _delete_by_query, _update_by_query
        ChineseAnalysisPlugin.class   // icu_tokenizer, smartcn_tokenizer, ...
    );

    /** Safe defaults for a throw-away local node. */
    private static final Settings DEFAULTS = Settings.builder()
        .put("cluster.name", "qingyuan-dev")
        .put("node.name", "node-1")
        .put("network.host", "127.0.0.1")            // loopback only
        .put("http.port", "9250")
        .put("transport.port", "9350")
        .put("discovery.type", "single-node")
        // Local disks are often "full" by OpenSearch's standards; never block writes for it.
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        // One node: replicas could never be allocated, so keep new indices green (see main()).
        .put("cluster.default_number_of_replicas", 0)
        .put("action.destructive_requires_name", false)
        .build();

    /** Node subclass only to reach the constructor that accepts classpath plugins. */
    private static final class EmbeddedNode extends Node {
        EmbeddedNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    private EmbeddedOpenSearch() {}

    public static void main(String[] args) throws Exception {
        Settings.Builder overrides = Settings.builder();
        for (String arg : args) {
            if (!arg.startsWith("-E") || arg.indexOf('=') < 3) {
                System.err.println("usage: EmbeddedOpenSearch [-Ekey=value ...]  (unexpected argument: " + arg + ")");
                System.exit(2);
            }
            int eq = arg.indexOf('=');
            overrides.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        if (overrides.get("path.home") == null && System.getProperty("opensearch.path.home") != null) {
            overrides.put("path.home", System.getProperty("opensearch.path.home"));
        }
        String home = overrides.get("path.home");
        if (home == null) {
            System.err.println("path.home is required (-Epath.home=DIR)");
            System.exit(2);
        }
        Path homeDir = Paths.get(home).toAbsolutePath();
        overrides.put("path.home", homeDir.toString());
        Files.createDirectories(homeDir.resolve("config"));

        Settings.Builder settings = Settings.builder().put(DEFAULTS);
        Path yml = homeDir.resolve("config").resolve("opensearch.yml");
        if (Files.exists(yml)) {
            settings.loadFromPath(yml);
        }
        settings.put(overrides.build());

        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings.build(), Map.of(), null, () -> "node-1");
        // PluginsService scans these directories; they just have to exist (and stay empty).
        Files.createDirectories(environment.modulesFile());
        Files.createDirectories(environment.pluginsFile());

        Node node;
        try {
            node = new EmbeddedNode(environment, PLUGINS);
        } catch (Throwable t) {
            failStartup(t);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);

        // SIGTERM / Ctrl-C: close the node cleanly (flushes translogs, releases the node lock).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "opensearch-shutdown"));

        try {
            node.start();
        } catch (Throwable t) {
            failStartup(t);
        }

        // cluster.default_number_of_replicas is only honoured as a *cluster* setting (it is read
        // from the cluster metadata), so copy the node-level value there. With the default 0,
        // new indices on this single node are green instead of yellow.
        try {
            node.client().admin().cluster().prepareUpdateSettings()
                .setPersistentSettings(Settings.builder().put(Metadata.DEFAULT_REPLICA_COUNT_SETTING.getKey(),
                    Metadata.DEFAULT_REPLICA_COUNT_SETTING.get(environment.settings())))
                .get(TimeValue.timeValueSeconds(30));
        } catch (Exception e) {
            System.err.println("warning: could not set cluster.default_number_of_replicas: " + e);
        }

        // opensearch.sh start waits for this line (besides cluster health).
        System.out.println("OpenSearch " + org.opensearch.Version.CURRENT + " ready on http://"
            + environment.settings().get("network.host") + ":" + environment.settings().get("http.port"));

        // OpenSearch's own threads are daemon threads: keep the JVM alive until shutdown.
        Thread keepAlive = new Thread(() -> {
            try {
                stopped.await();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "opensearch-keepalive");
        keepAlive.setDaemon(false);
        keepAlive.start();
    }

    /** Prints the cause and exits at once: node threads may already run and would keep the JVM alive. */
    private static void failStartup(Throwable t) {
        System.err.println("OpenSearch failed to start: " + t);
        t.printStackTrace();
        System.err.flush();
        Runtime.getRuntime().halt(1);
    }
}
