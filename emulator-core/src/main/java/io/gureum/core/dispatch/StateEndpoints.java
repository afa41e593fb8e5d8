package io.gureum.core.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.http.FileSlice;
import io.gureum.core.persist.StateArchive;
import io.gureum.core.spi.ServiceContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /_gureum/state/export} and {@code POST /_gureum/state/import}: shared snapshots over HTTP.
 *
 * <p>The export is written to a temporary file first, then sent from it ({@code sendfile}): memory stays
 * bounded whatever the state's size, the capture never waits on a slow client while it holds a service's
 * locks, and the answer has a {@code Content-Length}. The file is unlinked as soon as it is open, so it
 * goes with the answer even if the client goes away.
 */
final class StateEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(StateEndpoints.class);
    static final String EXPORT = "/_gureum/state/export";
    static final String IMPORT = "/_gureum/state/import";

    private final ServiceRegistry registry;
    private final ServiceContext context;
    private final ObjectMapper json;

    StateEndpoints(ServiceRegistry registry, ServiceContext context, ObjectMapper json) {
        this.registry = registry;
        this.context = context;
        this.json = json;
    }

    AwsHttpResponse export(AwsHttpRequest request) {
        StateTransfer.Filter filter;
        try {
            filter = filter(request);
        } catch (IllegalArgumentException e) {
            return AdminEndpoints.json(400, AdminEndpoints.error("InvalidParameterValue", e.getMessage()));
        }
        Path spool = null;
        try {
            spool = Files.createTempFile("gureum-state-", ".bin");
            StateTransfer.Summary summary;
            try (OutputStream out = Files.newOutputStream(spool)) {
                summary = StateTransfer.export(registry, context, filter, out);
            }
            FileChannel channel = FileChannel.open(spool, StandardOpenOption.READ);
            long size = channel.size();
            deleteQuietly(spool);
            AwsHttpResponse response = new AwsHttpResponse(200).bodyStream(new FileSlice(channel, 0, size), size)
                    .header("Content-Type", "application/octet-stream")
                    .header("Content-Disposition", "attachment; filename=\"gureum-state.bin\"")
                    .header("X-Gureum-State-Version", Integer.toString(StateArchive.VERSION));
            response.header("X-Gureum-State-Services", String.join(",", summary.services().keySet()));
            return response;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Exporting the state failed", e);
            if (spool != null) {
                deleteQuietly(spool);
            }
            return AdminEndpoints.json(500, AdminEndpoints.error("InternalFailure",
                    "Exporting the state failed: " + e.getMessage()));
        }
    }

    AwsHttpResponse importState(AwsHttpRequest request) {
        StateTransfer.Filter filter;
        StateTransfer.Mode mode;
        try {
            filter = filter(request);
            mode = mode(request.queryParameter("mode"));
        } catch (IllegalArgumentException e) {
            return AdminEndpoints.json(400, AdminEndpoints.error("InvalidParameterValue", e.getMessage()));
        }
        try {
            StateTransfer.Summary summary = StateTransfer.importState(registry, context, request.bodyStream(), mode,
                    filter);
            return AdminEndpoints.json(200, summary(mode, summary));
        } catch (StateArchive.UnreadableException e) {
            return AdminEndpoints.json(400, AdminEndpoints.error("InvalidStateFile", e.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Importing the state failed", e);
            return AdminEndpoints.json(500, AdminEndpoints.error("InternalFailure",
                    "Importing the state failed: " + e.getMessage()));
        }
    }

    ObjectNode summary(StateTransfer.Mode mode, StateTransfer.Summary summary) {
        ObjectNode body = json.createObjectNode();
        body.put("mode", mode.name().toLowerCase(Locale.ROOT));
        ObjectNode services = body.putObject("services");
        for (Map.Entry<String, long[]> e : summary.services().entrySet()) {
            services.putObject(e.getKey()).put("records", e.getValue()[0]).put("files", e.getValue()[1]);
        }
        var skipped = body.putArray("skipped");
        summary.skipped().forEach(skipped::add);
        return body;
    }

    static StateTransfer.Mode mode(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("replace")) {
            return StateTransfer.Mode.REPLACE;
        }
        if (value.equalsIgnoreCase("merge")) {
            return StateTransfer.Mode.MERGE;
        }
        throw new IllegalArgumentException("mode must be replace or merge, not '" + value + "'");
    }

    private StateTransfer.Filter filter(AwsHttpRequest request) {
        Set<String> services = list(request.queryParameter("services"));
        if (services != null) {
            for (String s : services) {
                if (registry.byName(s) == null) {
                    throw new IllegalArgumentException("Unknown or disabled service: " + s);
                }
            }
        }
        Set<String> accounts = list(request.queryParameter("accounts"));
        if (accounts != null) {
            for (String a : accounts) {
                if (!a.matches("\\d{12}")) {
                    throw new IllegalArgumentException("An account ID has 12 digits: '" + a + "'");
                }
            }
        }
        return new StateTransfer.Filter(services, accounts);
    }

    private static Set<String> list(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out.isEmpty() ? null : out;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            p.toFile().deleteOnExit(); // Windows: an open file cannot go before it is closed
        }
    }
}
