package io.gureum.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.engine.CloudFormationState;
import io.gureum.cloudformation.engine.Engine;
import io.gureum.cloudformation.engine.ResourceRecord;
import io.gureum.cloudformation.engine.StackRecord;
import io.gureum.cloudformation.template.TemplateError;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.state.RegisteredResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.model.DescribeResourceScanRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeResourceScanResponse;
import software.amazon.awssdk.services.cloudformation.model.ListResourceScanRelatedResourcesRequest;
import software.amazon.awssdk.services.cloudformation.model.ListResourceScanRelatedResourcesResponse;
import software.amazon.awssdk.services.cloudformation.model.ListResourceScanResourcesRequest;
import software.amazon.awssdk.services.cloudformation.model.ListResourceScanResourcesResponse;
import software.amazon.awssdk.services.cloudformation.model.ListResourceScansRequest;
import software.amazon.awssdk.services.cloudformation.model.ListResourceScansResponse;
import software.amazon.awssdk.services.cloudformation.model.ResourceScanInProgressException;
import software.amazon.awssdk.services.cloudformation.model.ResourceScanLimitExceededException;
import software.amazon.awssdk.services.cloudformation.model.ResourceScanNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.ResourceScanSummary;
import software.amazon.awssdk.services.cloudformation.model.ScanFilter;
import software.amazon.awssdk.services.cloudformation.model.ScannedResource;
import software.amazon.awssdk.services.cloudformation.model.ScannedResourceIdentifier;
import software.amazon.awssdk.services.cloudformation.model.StartResourceScanRequest;
import software.amazon.awssdk.services.cloudformation.model.StartResourceScanResponse;

/**
 * The IaC generator's resource scans: a scan lists, from core's one record of every resource (ADR 0008), the
 * account and Region's resources of the types this server deploys ({@link ScanTypes}), IAM's global ones
 * included, each with {@code ManagedByStack} when a live stack's resource has its identifier. A scan is
 * {@code IN_PROGRESS} for {@link #SCAN_TIME} of the core clock, then {@code COMPLETE}; one at a time per account
 * and Region ({@code ResourceScanInProgress}). Related resources are those whose stack-resolved properties name
 * the other's identifier or ARN: a resource no stack manages has no known properties, so no relations.
 * With {@code --data-dir} each scan is recorded (kind {@code resourcescan}) with what it found.
 */
public final class ResourceScans implements io.gureum.cloudformation.engine.StackRecords.Kept {
    static final Duration SCAN_TIME = Duration.ofMinutes(1);
    /** "This scan is region-wide and expires after 30 days": IaC generator user guide, generate-IaC.html. */
    static final Duration RETENTION = Duration.ofDays(30);
    /**
     * The IaC generator's quotas (generate-IaC.html, "Considerations"): 10 scans a day for scans of fewer than
     * 10,000 resources, 1 a day for larger ones. A day is the 24 hours of the core clock before the start.
     */
    static final int SCANS_PER_DAY = 10;
    static final int LARGE_SCANS_PER_DAY = 1;
    static final int LARGE_SCAN = 10_000;

    private record Found(ScannedResource resource, String arn, Map<String, String> tags, JsonNode properties) {
    }

    private static final class Scan {
        String id;
        String token;
        Instant start;
        List<ScanFilter> filters;
        List<String> types;
        List<Found> found;
    }

    private final Engine engine;
    private final Map<String, List<Scan>> byPlace = new HashMap<>();

    ResourceScans(Engine engine) {
        this.engine = engine;
    }

    /** A found resource as recorded. */
    public record FoundData(String resourceType, Map<String, String> identifier, boolean managedByStack, String arn,
            Map<String, String> tags, JsonNode properties) {
    }

    /** A scan as recorded. */
    public record ScanData(String id, String token, Instant start, List<List<String>> filters, List<String> types,
            List<FoundData> found) {
    }

    @Override
    public String kind() {
        return "resourcescan";
    }

    @Override
    public Map<String, Object> records(String account, String region) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (Scan s : byPlace.getOrDefault(account + "/" + region, List.of())) {
            out.put(s.id, new ScanData(s.id, s.token, s.start, s.filters.stream().map(f -> List.copyOf(f.types()))
                    .toList(), s.types, s.found.stream().map(f -> new FoundData(f.resource().resourceType(),
                            f.resource().resourceIdentifier(), Boolean.TRUE.equals(f.resource().managedByStack()),
                            f.arn(), f.tags(), f.properties())).toList()));
        }
        return out;
    }

    private final ChangedPlaces changed = new ChangedPlaces();

    @Override
    public boolean takeChanged(String account, String region) {
        return changed.take(account, region);
    }

    @Override
    public void restore(String account, String region, String key, io.gureum.core.persist.StateRecord record) {
        ScanData d = record.value(ScanData.class);
        Scan s = new Scan();
        s.id = d.id();
        s.token = d.token();
        s.start = d.start();
        s.filters = d.filters() == null ? List.of() : d.filters().stream().map(t -> ScanFilter.builder().types(t)
                .build()).toList();
        s.types = d.types() == null ? List.of() : d.types();
        s.found = new ArrayList<>();
        if (d.found() != null) {
            for (FoundData f : d.found()) {
                s.found.add(new Found(ScannedResource.builder().resourceType(f.resourceType())
                        .resourceIdentifier(f.identifier()).managedByStack(f.managedByStack()).build(), f.arn(),
                        f.tags() == null ? Map.of() : f.tags(), f.properties()));
            }
        }
        List<Scan> scans = byPlace.computeIfAbsent(account + "/" + region, k -> new ArrayList<>());
        scans.add(s);
        scans.sort(Comparator.comparing((Scan x) -> x.start).reversed());
    }

    private List<Scan> scans() {
        RequestContext rc = RequestContext.current();
        return byPlace.computeIfAbsent(rc.accountId() + "/" + rc.region(), k -> new ArrayList<>());
    }

    private Instant now() {
        return engine.context().clock().now();
    }

    private String status(Scan s) {
        Instant now = now();
        if (now.isBefore(s.start.plus(SCAN_TIME))) {
            return "IN_PROGRESS";
        }
        return now.isBefore(s.start.plus(SCAN_TIME).plus(RETENTION)) ? "COMPLETE" : "EXPIRED";
    }

    public StartResourceScanResponse startResourceScan(StartResourceScanRequest r) {
        changed.touched();
        List<Scan> scans = scans();
        for (Scan s : scans) {
            if (status(s).equals("IN_PROGRESS")) {
                if (r.clientRequestToken() != null && r.clientRequestToken().equals(s.token)) {
                    return StartResourceScanResponse.builder().resourceScanId(s.id).build();
                }
                throw ModeledErrors.of(ResourceScanInProgressException.class,
                        "A resource scan is already in progress for this account and Region: " + s.id);
            }
        }
        if (r.hasScanFilters() && r.scanFilters().size() != 1) {
            // StartResourceScan's reference: ScanFilters takes a "Fixed number of 1 item".
            throw TemplateError.validation("ScanFilters must contain exactly one filter");
        }
        checkDailyQuota(scans);
        RequestContext rc = RequestContext.current();
        Scan s = new Scan();
        s.id = "arn:aws:cloudformation:" + rc.region() + ":" + rc.accountId() + ":resourceScan/"
                + engine.context().ids().requestId();
        s.token = r.clientRequestToken();
        s.start = now();
        s.filters = r.hasScanFilters() ? List.copyOf(r.scanFilters()) : List.of();
        s.types = engine.handlers().types().stream().filter(t -> t.startsWith("AWS::"))
                .filter(t -> wanted(s.filters, t)).toList();
        s.found = find(rc, s.types);
        scans.add(0, s);
        return StartResourceScanResponse.builder().resourceScanId(s.id).build();
    }

    /**
     * ResourceScanLimitExceeded (StartResourceScan's reference): the daily quota is spent when 10 scans started in
     * the last 24 hours, or one did that found more than 10,000 resources (whose quota is 1 a day). Gureum's scans
     * never fail, so the reference's other two reasons (a scan failed in the last 10 minutes, or after 100,000
     * resources) cannot arise.
     */
    private void checkDailyQuota(List<Scan> scans) {
        Instant dayAgo = now().minus(Duration.ofDays(1));
        List<Scan> today = scans.stream().filter(s -> s.start.isAfter(dayAgo)).toList();
        boolean large = today.stream().anyMatch(s -> s.found.size() > LARGE_SCAN);
        int quota = large ? LARGE_SCANS_PER_DAY : SCANS_PER_DAY;
        if (today.size() >= quota) {
            Instant oldest = today.stream().map(s -> s.start).min(Comparator.naturalOrder()).orElseThrow();
            throw ModeledErrors.of(ResourceScanLimitExceededException.class, "Exceeded the daily quota of " + quota
                    + (large ? " resource scan for accounts with more than " + LARGE_SCAN + " resources"
                            : " resource scans")
                    + ". You can start a new resource scan after " + oldest.plus(Duration.ofDays(1)) + ".");
        }
    }

    /** Whether a type is one the filters ask for: {@code AWS::S3::*} takes every S3 type. */
    private static boolean wanted(List<ScanFilter> filters, String type) {
        if (filters.isEmpty()) {
            return true;
        }
        for (ScanFilter f : filters) {
            for (String t : f.types()) {
                if (t.endsWith("*") ? type.startsWith(t.substring(0, t.length() - 1)) : type.equals(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<Found> find(RequestContext rc, List<String> types) {
        Map<String, ResourceRecord> managed = managed(rc);
        List<RegisteredResource> all = new ArrayList<>(engine.context().registry().list(rc.accountId(), rc.region()));
        engine.context().registry().list(rc.accountId(), "").stream().filter(x -> x.arn().service().equals("iam"))
                .forEach(all::add);
        List<Found> out = new ArrayList<>();
        for (RegisteredResource x : all) {
            ScanTypes.Mapping m = ScanTypes.of(x);
            if (m == null || !types.contains(m.type())) {
                continue;
            }
            String value = m.value().apply(x);
            ResourceRecord stackResource = managed.get(m.type() + " " + value);
            if (stackResource == null) {
                stackResource = managed.get(m.type() + " " + x.arn());
            }
            if (stackResource == null && m.type().equals("AWS::SQS::Queue")) {
                stackResource = managed.get(m.type() + " /" + x.account() + "/" + x.id());
            }
            ScannedResource sr = ScannedResource.builder().resourceType(m.type())
                    .resourceIdentifier(Map.of(m.key(), value)).managedByStack(stackResource != null).build();
            out.add(new Found(sr, x.arn().toString(), x.tags(), stackResource == null ? null
                    : stackResource.properties));
        }
        out.sort(Comparator.comparing((Found f) -> f.resource().resourceType())
                .thenComparing(f -> f.resource().resourceIdentifier().values().iterator().next()));
        return out;
    }

    /** The live stacks' resources by "type physicalId" (a queue also by its URL's "/account/name" path). */
    private Map<String, ResourceRecord> managed(RequestContext rc) {
        Map<String, ResourceRecord> out = new HashMap<>();
        CloudFormationState.Region region = engine.state().region(rc.accountId(), rc.region());
        for (StackRecord stack : region.stacks.values()) {
            if (stack.deleted()) {
                continue;
            }
            for (ResourceRecord res : stack.resources.values()) {
                if (res.physicalId == null || !res.exists()) {
                    continue;
                }
                out.put(res.type + " " + res.physicalId, res);
                if (res.type.equals("AWS::SQS::Queue") && res.physicalId.contains("://")) {
                    String path = res.physicalId.substring(res.physicalId.indexOf('/', res.physicalId.indexOf("://")
                            + 3));
                    out.put(res.type + " " + path, res);
                }
            }
        }
        return out;
    }

    private Scan require(String id) {
        for (Scan s : scans()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw ModeledErrors.of(ResourceScanNotFoundException.class, "Resource scan " + id + " not found");
    }

    /** A finished scan: listing one still running is refused. */
    private Scan requireComplete(String id) {
        Scan s = require(id);
        if (status(s).equals("IN_PROGRESS")) {
            throw ModeledErrors.of(ResourceScanInProgressException.class, "Resource scan " + id
                    + " is still in progress");
        }
        return s;
    }

    public DescribeResourceScanResponse describeResourceScan(DescribeResourceScanRequest r) {
        Scan s = require(r.resourceScanId());
        String status = status(s);
        DescribeResourceScanResponse.Builder b = DescribeResourceScanResponse.builder().resourceScanId(s.id)
                .status(status).startTime(s.start).scanFilters(s.filters.isEmpty() ? null : s.filters);
        if (status.equals("IN_PROGRESS")) {
            return b.percentageCompleted(0.0).statusReason("Resource scan is in progress").build();
        }
        return b.percentageCompleted(100.0).endTime(s.start.plus(SCAN_TIME)).resourceTypes(s.types)
                .resourcesScanned(s.found.size()).resourcesRead(s.found.size()).build();
    }

    public ListResourceScansResponse listResourceScans(ListResourceScansRequest r) {
        String type = r.scanTypeFilterAsString() == null ? "FULL" : r.scanTypeFilterAsString();
        List<ResourceScanSummary> out = new ArrayList<>();
        for (Scan s : scans()) {
            String scanType = s.filters.isEmpty() ? "FULL" : "PARTIAL";
            if (!scanType.equals(type)) {
                continue;
            }
            String status = status(s);
            out.add(ResourceScanSummary.builder().resourceScanId(s.id).status(status).startTime(s.start)
                    .endTime(status.equals("IN_PROGRESS") ? null : s.start.plus(SCAN_TIME))
                    .percentageCompleted(status.equals("IN_PROGRESS") ? 0.0 : 100.0).scanType(scanType).build());
        }
        Page<ResourceScanSummary> page = Page.of(out, r.nextToken(), size(r.maxResults(), 10));
        return ListResourceScansResponse.builder().resourceScanSummaries(page.items()).nextToken(page.nextToken())
                .build();
    }

    private static int size(Integer max, int byDefault) {
        if (max == null) {
            return byDefault;
        }
        if (max < 1 || max > 100) {
            throw TemplateError.validation("1 validation error detected: Value '" + max
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100");
        }
        return max;
    }

    public ListResourceScanResourcesResponse listResourceScanResources(ListResourceScanResourcesRequest r) {
        Scan s = requireComplete(r.resourceScanId());
        List<ScannedResource> out = new ArrayList<>();
        for (Found f : s.found) {
            if (r.resourceTypePrefix() != null && !f.resource().resourceType().startsWith(r.resourceTypePrefix())) {
                continue;
            }
            if (r.resourceIdentifier() != null && !f.resource().resourceIdentifier().containsValue(
                    r.resourceIdentifier())) {
                continue;
            }
            if (!tagged(f.tags(), r.tagKey(), r.tagValue())) {
                continue;
            }
            out.add(f.resource());
        }
        Page<ScannedResource> page = Page.of(out, r.nextToken(), size(r.maxResults(), 100));
        return ListResourceScanResourcesResponse.builder().resources(page.items()).nextToken(page.nextToken())
                .build();
    }

    /** Whether one tag matches both the key and the value asked (either may be absent). */
    private static boolean tagged(Map<String, String> tags, String key, String value) {
        if (key == null && value == null) {
            return true;
        }
        return tags.entrySet().stream().anyMatch(e -> (key == null || e.getKey().equals(key))
                && (value == null || e.getValue().equals(value)));
    }

    public ListResourceScanRelatedResourcesResponse listResourceScanRelatedResources(
            ListResourceScanRelatedResourcesRequest r) {
        Scan s = requireComplete(r.resourceScanId());
        if (r.resources().size() > 100) {
            throw TemplateError.validation("1 validation error detected: Value at 'resources' failed to satisfy "
                    + "constraint: Member must have length less than or equal to 100");
        }
        Set<ScannedResource> related = new LinkedHashSet<>();
        for (ScannedResourceIdentifier asked : r.resources()) {
            Found given = null;
            for (Found f : s.found) {
                if (f.resource().resourceType().equals(asked.resourceType())
                        && f.resource().resourceIdentifier().equals(asked.resourceIdentifier())) {
                    given = f;
                }
            }
            if (given == null) {
                continue;
            }
            for (Found other : s.found) {
                if (other != given && (names(given.properties(), other) || names(other.properties(), given))) {
                    related.add(other.resource());
                }
            }
        }
        Page<ScannedResource> page = Page.of(new ArrayList<>(related), r.nextToken(), size(r.maxResults(), 100));
        return ListResourceScanRelatedResourcesResponse.builder().relatedResources(page.items())
                .nextToken(page.nextToken()).build();
    }

    /** Whether {@code properties} hold a string equal to {@code f}'s identifier or ARN. */
    private static boolean names(JsonNode properties, Found f) {
        if (properties == null) {
            return false;
        }
        Set<String> names = new LinkedHashSet<>(f.resource().resourceIdentifier().values());
        names.add(f.arn());
        return contains(properties, names);
    }

    private static boolean contains(JsonNode node, Set<String> names) {
        if (node.isTextual()) {
            return names.contains(node.asText());
        }
        for (JsonNode child : node) {
            if (contains(child, names)) {
                return true;
            }
        }
        return false;
    }
}
