package io.gureum.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteSyslogConfigurationRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteSyslogConfigurationResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListSyslogConfigurationsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListSyslogConfigurationsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutBearerTokenAuthenticationRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutBearerTokenAuthenticationResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutSyslogConfigurationRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutSyslogConfigurationResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.SyslogConfiguration;
import software.amazon.awssdk.services.cloudwatchlogs.model.SyslogSourceType;

/**
 * Ingestion settings of log groups, stored as configuration (Gureum serves no ingestion endpoint besides the API):
 * syslog configurations (API_PutSyslogConfiguration.html: syslog through a VPC endpoint into a group; one per group
 * and endpoint, source type {@code VPCE}) and bearer token authentication (API_PutBearerTokenAuthentication.html,
 * reported by DescribeLogGroups). The botocore model Gureum's constraints come from predates the syslog operations:
 * their patterns and ranges are checked here.
 */
final class SyslogConfigurations {
    private static final String VPCE = "^vpce-[0-9a-f]{1,64}$";
    private static final Pattern VPCE_PATTERN = Pattern.compile(VPCE);
    private static final String IDENTIFIER = "[\\w#+=/:,.@-]*";
    private static final Pattern IDENTIFIER_PATTERN = Pattern.compile(IDENTIFIER);

    /** One configuration: {@code vpcEndpointId} may be null; {@code createdAt} in epoch ms. */
    record Stored(String vpcEndpointId, long createdAt) {
        /** The key of the configuration in its group. */
        String key() {
            return vpcEndpointId == null ? "" : vpcEndpointId;
        }
    }

    private final LogsStores stores;

    SyslogConfigurations(LogsStores stores) {
        this.stores = stores;
    }

    /** Creates the group's configuration for the endpoint, or keeps the one there (with its {@code createdAt}). */
    public PutSyslogConfigurationResponse putSyslogConfiguration(PutSyslogConfigurationRequest request) {
        checkIdentifier(request.logGroupIdentifier(), true);
        checkEndpoint(request.vpcEndpointId());
        LogGroup group = Identifiers.group(stores.current(), null, request.logGroupIdentifier());
        Stored s = new Stored(request.vpcEndpointId(), stores.now());
        group.syslogConfigurations.putIfAbsent(s.key(), s);
        return PutSyslogConfigurationResponse.builder().build();
    }

    public DeleteSyslogConfigurationResponse deleteSyslogConfiguration(DeleteSyslogConfigurationRequest request) {
        checkIdentifier(request.logGroupIdentifier(), true);
        checkEndpoint(request.vpcEndpointId());
        LogGroup group = Identifiers.group(stores.current(), null, request.logGroupIdentifier());
        String key = request.vpcEndpointId() == null ? "" : request.vpcEndpointId();
        if (group.syslogConfigurations.remove(key) == null) {
            throw LogsErrors.notFound("The specified syslog configuration does not exist.");
        }
        return DeleteSyslogConfigurationResponse.builder().build();
    }

    /** In the order of the groups' names, then of the endpoints; {@code maxResults} 0–50 (0 and none: 50). */
    public ListSyslogConfigurationsResponse listSyslogConfigurations(ListSyslogConfigurationsRequest request) {
        checkIdentifier(request.logGroupIdentifier(), false);
        checkEndpoint(request.vpcEndpointId());
        Integer max = request.maxResults();
        if (max != null && (max < 0 || max > 50)) {
            throw violation(String.valueOf(max), "maxResults", max < 0
                    ? "Member must have value greater than or equal to 0"
                    : "Member must have value less than or equal to 50");
        }
        int limit = max == null || max == 0 ? 50 : max;
        LogsStore store = stores.current();
        List<LogGroup> groups = request.logGroupIdentifier() == null ? List.copyOf(store.groups.values())
                : List.of(Identifiers.group(store, null, request.logGroupIdentifier()));
        TreeMap<String, SyslogConfiguration> all = new TreeMap<>();
        for (LogGroup g : groups) {
            for (Stored s : g.syslogConfigurations.values()) {
                if (request.vpcEndpointId() == null || request.vpcEndpointId().equals(s.vpcEndpointId())) {
                    all.put(g.name + "\u0000" + s.key(), SyslogConfiguration.builder().logGroupArn(g.logGroupArn())
                            .sourceType(SyslogSourceType.VPCE).vpcEndpointId(s.vpcEndpointId())
                            .createdAt(s.createdAt()).build());
                }
            }
        }
        String after = PageTokens.decode("syslog", request.nextToken());
        List<SyslogConfiguration> page = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (var e : (after == null ? all : all.tailMap(after, false)).entrySet()) {
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(e.getValue());
            last = e.getKey();
        }
        return ListSyslogConfigurationsResponse.builder().syslogConfigurations(page)
                .nextToken(more ? PageTokens.encode("syslog", last) : null).build();
    }

    public PutBearerTokenAuthenticationResponse putBearerTokenAuthentication(
            PutBearerTokenAuthenticationRequest request) {
        Identifiers.group(stores.current(), null, request.logGroupIdentifier()).bearerTokenAuthenticationEnabled =
                request.bearerTokenAuthenticationEnabled();
        return PutBearerTokenAuthenticationResponse.builder().build();
    }

    private static void checkIdentifier(String identifier, boolean required) {
        if (identifier == null) {
            if (required) {
                throw LogsErrors.invalidParameter("1 validation error detected: Value null at 'logGroupIdentifier' "
                        + "failed to satisfy constraint: Member must not be null");
            }
            return;
        }
        if (identifier.isEmpty() || identifier.length() > 2048) {
            throw violation(identifier, "logGroupIdentifier", identifier.isEmpty()
                    ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to 2048");
        }
        if (!IDENTIFIER_PATTERN.matcher(identifier).matches()) {
            throw violation(identifier, "logGroupIdentifier",
                    "Member must satisfy regular expression pattern: " + IDENTIFIER);
        }
    }

    private static void checkEndpoint(String vpcEndpointId) {
        if (vpcEndpointId != null && !VPCE_PATTERN.matcher(vpcEndpointId).matches()) {
            throw violation(vpcEndpointId, "vpcEndpointId", "Member must satisfy regular expression pattern: " + VPCE);
        }
    }

    private static RuntimeException violation(String value, String member, String constraint) {
        return LogsErrors.invalidParameter("1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }
}
