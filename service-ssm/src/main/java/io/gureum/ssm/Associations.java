package io.gureum.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.error.CommonErrors;
import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.state.AccountRegionStore;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.ssm.model.Association;
import software.amazon.awssdk.services.ssm.model.AssociationDescription;
import software.amazon.awssdk.services.ssm.model.AssociationFilter;
import software.amazon.awssdk.services.ssm.model.AssociationOverview;
import software.amazon.awssdk.services.ssm.model.AssociationStatus;
import software.amazon.awssdk.services.ssm.model.AssociationVersionInfo;
import software.amazon.awssdk.services.ssm.model.CreateAssociationBatchRequest;
import software.amazon.awssdk.services.ssm.model.CreateAssociationBatchRequestEntry;
import software.amazon.awssdk.services.ssm.model.CreateAssociationBatchResponse;
import software.amazon.awssdk.services.ssm.model.CreateAssociationRequest;
import software.amazon.awssdk.services.ssm.model.CreateAssociationResponse;
import software.amazon.awssdk.services.ssm.model.DeleteAssociationRequest;
import software.amazon.awssdk.services.ssm.model.DeleteAssociationResponse;
import software.amazon.awssdk.services.ssm.model.DescribeAssociationExecutionTargetsRequest;
import software.amazon.awssdk.services.ssm.model.DescribeAssociationExecutionTargetsResponse;
import software.amazon.awssdk.services.ssm.model.DescribeAssociationExecutionsRequest;
import software.amazon.awssdk.services.ssm.model.DescribeAssociationExecutionsResponse;
import software.amazon.awssdk.services.ssm.model.DescribeAssociationRequest;
import software.amazon.awssdk.services.ssm.model.DescribeAssociationResponse;
import software.amazon.awssdk.services.ssm.model.DescribeEffectiveInstanceAssociationsRequest;
import software.amazon.awssdk.services.ssm.model.DescribeEffectiveInstanceAssociationsResponse;
import software.amazon.awssdk.services.ssm.model.DescribeInstanceAssociationsStatusRequest;
import software.amazon.awssdk.services.ssm.model.DescribeInstanceAssociationsStatusResponse;
import software.amazon.awssdk.services.ssm.model.FailedCreateAssociation;
import software.amazon.awssdk.services.ssm.model.Fault;
import software.amazon.awssdk.services.ssm.model.InstanceAssociation;
import software.amazon.awssdk.services.ssm.model.InstanceAssociationOutputLocation;
import software.amazon.awssdk.services.ssm.model.InstanceAssociationStatusInfo;
import software.amazon.awssdk.services.ssm.model.ListAssociationVersionsRequest;
import software.amazon.awssdk.services.ssm.model.ListAssociationVersionsResponse;
import software.amazon.awssdk.services.ssm.model.ListAssociationsRequest;
import software.amazon.awssdk.services.ssm.model.ListAssociationsResponse;
import software.amazon.awssdk.services.ssm.model.S3OutputLocation;
import software.amazon.awssdk.services.ssm.model.SsmException;
import software.amazon.awssdk.services.ssm.model.StartAssociationsOnceRequest;
import software.amazon.awssdk.services.ssm.model.StartAssociationsOnceResponse;
import software.amazon.awssdk.services.ssm.model.Tag;
import software.amazon.awssdk.services.ssm.model.Target;
import software.amazon.awssdk.services.ssm.model.UpdateAssociationRequest;
import software.amazon.awssdk.services.ssm.model.UpdateAssociationResponse;
import software.amazon.awssdk.services.ssm.model.UpdateAssociationStatusRequest;
import software.amazon.awssdk.services.ssm.model.UpdateAssociationStatusResponse;

/**
 * State Manager associations (CreateAssociation … DescribeEffectiveInstanceAssociations). An association
 * names one of the caller's documents (or one shared with it, by ARN), its targets and schedule. Gureum has
 * no SSM Agent: no instance ever reports, so nothing runs — the overview stays {@code Pending} as on AWS for
 * targets that never report, there are no executions, and StartAssociationsOnce starts nothing.
 */
final class Associations {
    static final int MAX_ASSOCIATIONS = 2000;
    static final int MAX_VERSIONS = 1000;

    /** What a request sets, the same for CreateAssociation, a batch entry and UpdateAssociation. */
    private record Given(String name, String documentVersion, String instanceId, Map<String, List<String>> parameters,
            List<Target> targets, String schedule, InstanceAssociationOutputLocation output, String associationName,
            String automationTargetParameterName, String maxErrors, String maxConcurrency, String complianceSeverity,
            String syncCompliance, Boolean applyOnlyAtCronInterval, List<String> calendarNames, Integer scheduleOffset,
            Integer duration, boolean unserved) {
    }

    final AccountRegionStore<AssociationStore> all;
    private final SsmState state;
    private final Documents documents;
    private final ManagedInstances instances;

    Associations(SsmState state, AccountRegionStore<AssociationStore> all, ManagedInstances instances) {
        this.state = state;
        this.all = all;
        this.documents = new Documents(state);
        this.instances = instances;
    }

    AssociationStore current() {
        RequestContext ctx = RequestContext.current();
        return all.get(ctx.accountId(), ctx.region());
    }

    public CreateAssociationResponse createAssociation(CreateAssociationRequest r) {
        if (r.hasTargetLocations() && !r.targetLocations().isEmpty() || r.hasTargetMaps() && !r.targetMaps().isEmpty()
                || r.alarmConfiguration() != null || r.associationDispatchAssumeRole() != null) {
            throw CommonErrors.notImplemented("ssm", "CreateAssociation with TargetLocations, TargetMaps,"
                    + " AlarmConfiguration or AssociationDispatchAssumeRole");
        }
        Given g = new Given(r.name(), r.documentVersion(), r.instanceId(), r.parameters(),
                r.hasTargets() ? r.targets() : List.of(), r.scheduleExpression(), r.outputLocation(),
                r.associationName(), r.automationTargetParameterName(), r.maxErrors(), r.maxConcurrency(),
                r.complianceSeverityAsString(), r.syncComplianceAsString(), r.applyOnlyAtCronInterval(),
                r.hasCalendarNames() ? r.calendarNames() : null, r.scheduleOffset(), r.duration(), false);
        if (r.hasTags() && r.tags().size() > ParameterTags.MAX) {
            throw SsmErrors.tooManyTags();
        }
        StoredAssociation a = create(g);
        if (r.hasTags()) {
            r.tags().forEach(t -> a.tags.put(t.key(), t.value()));
        }
        return CreateAssociationResponse.builder().associationDescription(describe(a, a.latest(), "Creating")).build();
    }

    public CreateAssociationBatchResponse createAssociationBatch(CreateAssociationBatchRequest r) {
        if (r.associationDispatchAssumeRole() != null) {
            throw CommonErrors.notImplemented("ssm", "CreateAssociationBatch with AssociationDispatchAssumeRole");
        }
        List<AssociationDescription> ok = new ArrayList<>();
        List<FailedCreateAssociation> failed = new ArrayList<>();
        for (CreateAssociationBatchRequestEntry e : r.entries()) {
            boolean unserved = e.hasTargetLocations() && !e.targetLocations().isEmpty()
                    || e.hasTargetMaps() && !e.targetMaps().isEmpty() || e.alarmConfiguration() != null;
            Given g = new Given(e.name(), e.documentVersion(), e.instanceId(), e.parameters(),
                    e.hasTargets() ? e.targets() : List.of(), e.scheduleExpression(), e.outputLocation(),
                    e.associationName(), e.automationTargetParameterName(), e.maxErrors(), e.maxConcurrency(),
                    e.complianceSeverityAsString(), e.syncComplianceAsString(), e.applyOnlyAtCronInterval(),
                    e.hasCalendarNames() ? e.calendarNames() : null, e.scheduleOffset(), e.duration(), unserved);
            try {
                if (unserved) {
                    throw SsmErrors.validation("Gureum does not emulate TargetLocations, TargetMaps or"
                            + " AlarmConfiguration.");
                }
                StoredAssociation a = create(g);
                ok.add(describe(a, a.latest(), "Creating"));
            } catch (SsmException x) {
                String code = x.awsErrorDetails().errorCode();
                failed.add(FailedCreateAssociation.builder().entry(e).message(x.awsErrorDetails().errorMessage())
                        .fault(code.equals("InternalServerError") ? Fault.SERVER : Fault.CLIENT).build());
            }
        }
        return CreateAssociationBatchResponse.builder().successful(ok).failed(failed).build();
    }

    public DescribeAssociationResponse describeAssociation(DescribeAssociationRequest r) {
        StoredAssociation a = find(r.associationId(), r.name(), r.instanceId());
        return DescribeAssociationResponse.builder()
                .associationDescription(describe(a, version(a, r.associationVersion()), "Pending")).build();
    }

    public UpdateAssociationResponse updateAssociation(UpdateAssociationRequest r) {
        if (r.hasTargetLocations() && !r.targetLocations().isEmpty() || r.hasTargetMaps() && !r.targetMaps().isEmpty()
                || r.alarmConfiguration() != null || r.associationDispatchAssumeRole() != null) {
            throw CommonErrors.notImplemented("ssm", "UpdateAssociation with TargetLocations, TargetMaps,"
                    + " AlarmConfiguration or AssociationDispatchAssumeRole");
        }
        StoredAssociation a = byId(r.associationId());
        StoredAssociation.Settings latest = a.latest();
        if (r.associationVersion() != null && !r.associationVersion().equals("$LATEST")
                && !r.associationVersion().equals(Long.toString(latest.version()))) {
            throw AssociationErrors.invalidVersion();
        }
        if (a.versions.size() >= MAX_VERSIONS) {
            throw AssociationErrors.versionLimit();
        }
        String name = r.name() != null ? r.name() : latest.name();
        List<Target> targets = r.hasTargets() ? r.targets() : latest.targets().stream()
                .map(t -> Target.builder().key(t.key()).values(t.values()).build()).toList();
        Given g = new Given(name, r.documentVersion(), latest.instanceId(), r.parameters(), targets,
                r.scheduleExpression(), r.outputLocation(), r.associationName(), r.automationTargetParameterName(),
                r.maxErrors(), r.maxConcurrency(), r.complianceSeverityAsString(), r.syncComplianceAsString(),
                r.applyOnlyAtCronInterval(), r.hasCalendarNames() ? r.calendarNames() : null, r.scheduleOffset(),
                r.duration(), false);
        StoredAssociation.Settings next = settings(g, latest.version() + 1);
        if (!a.versions.containsKey(latest.version()) || a != current().associations.get(a.id)) {
            throw SsmErrors.tooManyUpdates();
        }
        a.versions.put(next.version(), next);
        a.revision++;
        return UpdateAssociationResponse.builder().associationDescription(describe(a, next, "Pending")).build();
    }

    public DeleteAssociationResponse deleteAssociation(DeleteAssociationRequest r) {
        StoredAssociation a = find(r.associationId(), r.name(), r.instanceId());
        current().associations.remove(a.id);
        a.tags.detach();
        return DeleteAssociationResponse.builder().build();
    }

    public ListAssociationsResponse listAssociations(ListAssociationsRequest r) {
        List<Function<StoredAssociation, Boolean>> tests = new ArrayList<>();
        for (AssociationFilter f : r.hasAssociationFilterList() ? r.associationFilterList()
                : List.<AssociationFilter>of()) {
            String v = f.value();
            tests.add(switch (f.keyAsString()) {
                case "InstanceId" -> a -> v.equals(a.latest().instanceId()) || a.latest().targets().stream()
                        .anyMatch(t -> t.key().equals("InstanceIds") && t.values().contains(v));
                case "Name" -> a -> v.equals(a.latest().name()) || v.equals(documentName(a.latest().name()));
                case "AssociationId" -> a -> v.equals(a.id);
                case "AssociationStatusName" -> a -> v.equals("Pending");
                case "LastExecutedBefore", "LastExecutedAfter" -> {
                    try {
                        Instant.parse(v);
                    } catch (DateTimeParseException e) {
                        throw SsmErrors.validation("The value " + v + " of filter " + f.keyAsString()
                                + " is not a timestamp.");
                    }
                    yield a -> false; // nothing ever runs
                }
                case "AssociationName" -> a -> v.equals(a.latest().associationName());
                case "ResourceGroupName" -> a -> a.latest().targets().stream()
                        .anyMatch(t -> t.key().equals("resource-groups:Name") && t.values().contains(v));
                default -> throw SsmErrors.validation("The filter key " + f.keyAsString() + " is not valid.");
            });
        }
        List<StoredAssociation> found = current().associations.values().stream()
                .filter(a -> tests.stream().allMatch(t -> t.apply(a))).toList();
        int max = r.maxResults() == null ? 50 : r.maxResults();
        String after = PageTokens.decode("associations", r.nextToken());
        int from = 0;
        if (after != null) {
            from = -1;
            for (int i = 0; i < found.size(); i++) {
                if (found.get(i).id.equals(after)) {
                    from = i + 1;
                }
            }
            if (from < 0) {
                throw SsmErrors.invalidNextToken();
            }
        }
        List<StoredAssociation> page = found.subList(from, Math.min(found.size(), from + max));
        String next = from + max < found.size() ? PageTokens.encode("associations", page.get(page.size() - 1).id) : null;
        return ListAssociationsResponse.builder().associations(page.stream().map(this::summary).toList())
                .nextToken(next).build();
    }

    public ListAssociationVersionsResponse listAssociationVersions(ListAssociationVersionsRequest r) {
        StoredAssociation a = byId(r.associationId());
        int max = r.maxResults() == null ? 50 : r.maxResults();
        String after = PageTokens.decode("association-versions", r.nextToken());
        if (after != null && !after.matches("\\d{1,18}")) {
            throw SsmErrors.invalidNextToken();
        }
        long from = after == null ? 0 : Long.parseLong(after);
        List<AssociationVersionInfo> page = new ArrayList<>();
        String next = null;
        for (StoredAssociation.Settings s : a.versions.tailMap(from, false).values()) {
            if (page.size() == max) {
                next = PageTokens.encode("association-versions", page.get(page.size() - 1).associationVersion());
                break;
            }
            page.add(AssociationVersionInfo.builder().associationId(a.id)
                    .associationVersion(Long.toString(s.version())).createdDate(s.created()).name(s.name())
                    .documentVersion(s.documentVersion()).parameters(s.parameters()).targets(targets(s))
                    .scheduleExpression(s.schedule()).outputLocation(output(s)).associationName(s.associationName())
                    .maxErrors(s.maxErrors()).maxConcurrency(s.maxConcurrency())
                    .complianceSeverity(s.complianceSeverity()).syncCompliance(s.syncCompliance())
                    .applyOnlyAtCronInterval(s.applyOnlyAtCronInterval()).calendarNames(s.calendarNames())
                    .scheduleOffset(s.scheduleOffset()).duration(s.duration()).build());
        }
        return ListAssociationVersionsResponse.builder().associationVersions(page).nextToken(next).build();
    }

    /** No target ever reports, so an association has no executions. */
    public DescribeAssociationExecutionsResponse describeAssociationExecutions(DescribeAssociationExecutionsRequest r) {
        byId(r.associationId());
        PageTokens.decode("association-executions", r.nextToken());
        return DescribeAssociationExecutionsResponse.builder().associationExecutions(List.of()).build();
    }

    public DescribeAssociationExecutionTargetsResponse describeAssociationExecutionTargets(
            DescribeAssociationExecutionTargetsRequest r) {
        byId(r.associationId());
        throw AssociationErrors.executionDoesNotExist();
    }

    /**
     * AWS runs the associations on their targets; with no SSM Agent none of them reports, so nothing changes
     * (as on AWS for targets without an agent).
     */
    public StartAssociationsOnceResponse startAssociationsOnce(StartAssociationsOnceRequest r) {
        for (String id : r.associationIds()) {
            if (!current().associations.containsKey(id)) {
                throw AssociationErrors.doesNotExist();
            }
        }
        return StartAssociationsOnceResponse.builder().build();
    }

    public UpdateAssociationStatusResponse updateAssociationStatus(UpdateAssociationStatusRequest r) {
        StoredAssociation a = find(null, r.name(), r.instanceId());
        AssociationStatus s = r.associationStatus();
        StoredAssociation.Status now = status(a);
        if (now.name().equals(s.nameAsString()) && now.message().equals(s.message())) {
            throw AssociationErrors.statusUnchanged();
        }
        a.status = new StoredAssociation.Status(s.date(), s.nameAsString(), s.message(), s.additionalInfo());
        a.revision++;
        return UpdateAssociationStatusResponse.builder().associationDescription(describe(a, a.latest(), "Pending"))
                .build();
    }

    /**
     * The statuses targets reported for the instance: none (no SSM Agent reports), except the status an
     * UpdateAssociationStatus set on a legacy association of the instance.
     */
    public DescribeInstanceAssociationsStatusResponse describeInstanceAssociationsStatus(
            DescribeInstanceAssociationsStatusRequest r) {
        instance(r.instanceId());
        String after = PageTokens.decode("instance-association-status", r.nextToken());
        int from = after == null ? 0 : parseIndex(after);
        int max = r.maxResults() == null ? 50 : r.maxResults();
        List<InstanceAssociationStatusInfo> infos = new ArrayList<>();
        for (StoredAssociation a : current().associations.values()) {
            StoredAssociation.Settings s = a.latest();
            if (a.status != null && r.instanceId().equals(s.instanceId())) {
                infos.add(InstanceAssociationStatusInfo.builder().associationId(a.id).name(s.name())
                        .associationVersion(Long.toString(s.version())).documentVersion(s.documentVersion())
                        .instanceId(s.instanceId()).executionDate(a.status.date()).status(a.status.name())
                        .detailedStatus(a.status.name()).executionSummary(a.status.message())
                        .associationName(s.associationName()).build());
            }
        }
        List<InstanceAssociationStatusInfo> page = infos.subList(Math.min(from, infos.size()),
                Math.min(infos.size(), from + max));
        String next = from + max < infos.size() ? PageTokens.encode("instance-association-status",
                Integer.toString(from + max)) : null;
        return DescribeInstanceAssociationsStatusResponse.builder().instanceAssociationStatusInfos(page)
                .nextToken(next).build();
    }

    /**
     * The associations whose targets take the instance (its ID, {@code InstanceIds *}, or a {@code tag:}
     * or {@code tag-key} target its tags match), each with the content of its document version.
     * Resource-group targets are not resolved.
     */
    public DescribeEffectiveInstanceAssociationsResponse describeEffectiveInstanceAssociations(
            DescribeEffectiveInstanceAssociationsRequest r) {
        Map<String, String> tags = instance(r.instanceId());
        List<InstanceAssociation> found = new ArrayList<>();
        for (StoredAssociation a : current().associations.values()) {
            StoredAssociation.Settings s = a.latest();
            if (!takes(s, r.instanceId(), tags)) {
                continue;
            }
            String content;
            try {
                StoredDocument d = documents.visible(s.name());
                content = Documents.version(d, s.documentVersion(), null).content();
            } catch (SsmException gone) {
                continue;
            }
            found.add(InstanceAssociation.builder().associationId(a.id).instanceId(r.instanceId()).content(content)
                    .associationVersion(Long.toString(s.version())).build());
        }
        int max = r.maxResults() == null ? 5 : r.maxResults();
        String after = PageTokens.decode("effective-associations", r.nextToken());
        int from = after == null ? 0 : parseIndex(after);
        List<InstanceAssociation> page = found.subList(Math.min(from, found.size()), Math.min(found.size(), from + max));
        String next = from + max < found.size() ? PageTokens.encode("effective-associations",
                Integer.toString(from + max)) : null;
        return DescribeEffectiveInstanceAssociationsResponse.builder().associations(page).nextToken(next).build();
    }

    // ---------------------------------------------------------------------------------------------

    private static int parseIndex(String after) {
        if (!after.matches("\\d{1,9}")) {
            throw SsmErrors.invalidNextToken();
        }
        return Integer.parseInt(after);
    }

    private static boolean takes(StoredAssociation.Settings s, String instanceId, Map<String, String> tags) {
        if (instanceId.equals(s.instanceId())) {
            return true;
        }
        for (StoredAssociation.Target t : s.targets()) {
            boolean match = switch (t.key()) {
                case "InstanceIds" -> t.values().contains("*") || t.values().contains(instanceId);
                case "tag-key" -> t.values().stream().anyMatch(tags::containsKey);
                default -> t.key().startsWith("tag:") && t.values().contains(tags.get(t.key().substring(4)));
            };
            if (match) {
                return true;
            }
        }
        return false;
    }

    /** The caller's instance's tags; InvalidInstanceId when EC2 does not have it in a valid state. */
    private Map<String, String> instance(String id) {
        Optional<Map<String, String>> tags = instances.instance(id);
        if (tags.isEmpty()) {
            throw AssociationErrors.invalidInstanceId();
        }
        return tags.get();
    }

    private StoredAssociation create(Given g) {
        if (g.instanceId() != null) {
            instance(g.instanceId());
        }
        AssociationStore store = current();
        StoredAssociation.Settings s = settings(g, 1);
        for (StoredAssociation other : store.associations.values()) {
            if (duplicate(other.latest(), s)) {
                throw AssociationErrors.alreadyExists();
            }
        }
        if (store.associations.size() >= MAX_ASSOCIATIONS) {
            throw AssociationErrors.limitExceeded();
        }
        String id = state.context.ids().requestId();
        StoredAssociation a = new StoredAssociation(id, arn(store.region, store.account, id), state.now());
        a.versions.put(1L, s);
        a.tags.attach(state.context.registry(), store.account, store.region, "ssm", "association/" + id, a.arn);
        store.associations.put(id, a);
        return a;
    }

    /**
     * Gureum's reading of "already exists": a legacy association of the same document and instance, or one
     * with the same document, targets, parameters, schedule and name.
     */
    private static boolean duplicate(StoredAssociation.Settings a, StoredAssociation.Settings b) {
        if (!documentName(a.name()).equals(documentName(b.name()))) {
            return false;
        }
        if (a.instanceId() != null || b.instanceId() != null) {
            return Objects.equals(a.instanceId(), b.instanceId());
        }
        return a.targets().equals(b.targets()) && a.parameters().equals(b.parameters())
                && Objects.equals(a.schedule(), b.schedule()) && Objects.equals(a.associationName(), b.associationName());
    }

    /** A document name, or the name in a document ARN. */
    private static String documentName(String nameOrArn) {
        int slash = nameOrArn.startsWith("arn:") ? nameOrArn.indexOf("document/") : -1;
        return slash < 0 ? nameOrArn : nameOrArn.substring(slash + "document/".length());
    }

    /** Checks what a request sets against its document and the rules; the version it makes. */
    private StoredAssociation.Settings settings(Given g, long number) {
        StoredDocument d = documents.visible(g.name());
        String type = d.type;
        if (!type.equals("Command") && !type.equals("Policy") && !type.equals("Automation")) {
            throw SsmErrors.invalidDocument();
        }
        String documentVersion = g.documentVersion() == null ? "$DEFAULT" : g.documentVersion();
        StoredDocument.Version v = Documents.version(d, documentVersion, null);
        JsonNode doc;
        try {
            doc = DocumentContent.parse(v.content(), v.format());
        } catch (SsmException e) {
            doc = null;
        }
        if (g.instanceId() != null) {
            if (!g.targets().isEmpty()) {
                throw SsmErrors.validation("Specify either InstanceId or Targets, not both.");
            }
            if (AssociationRules.schemaVersion(doc) >= 2.0) {
                throw AssociationErrors.schemaWithInstanceId(doc.get("schemaVersion").asText());
            }
            if (g.associationName() != null || g.documentVersion() != null || g.maxErrors() != null
                    || g.maxConcurrency() != null || g.output() != null || g.schedule() != null) {
                throw SsmErrors.validation("With InstanceId you can't use AssociationName, DocumentVersion,"
                        + " MaxErrors, MaxConcurrency, OutputLocation or ScheduleExpression: use Targets.");
            }
        }
        List<StoredAssociation.Target> targets = AssociationRules.targets(g.targets(), type.equals("Automation"));
        boolean cron = g.schedule() != null && AssociationRules.schedule(g.schedule());
        boolean onlyAtCron = Boolean.TRUE.equals(g.applyOnlyAtCronInterval());
        if (onlyAtCron && !cron) {
            throw AssociationErrors.invalidSchedule(String.valueOf(g.schedule()));
        }
        if ((g.scheduleOffset() != null || g.duration() != null) && !onlyAtCron) {
            throw SsmErrors.validation("ScheduleOffset and Duration require ApplyOnlyAtCronInterval.");
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (g.parameters() != null) {
            g.parameters().forEach((k, values) -> parameters.put(k, values == null ? List.of() : List.copyOf(values)));
        }
        AssociationRules.parameters(doc, parameters, g.automationTargetParameterName());
        StoredAssociation.Output output = null;
        if (g.output() != null && g.output().s3Location() != null) {
            S3OutputLocation s3 = g.output().s3Location();
            String region = s3.outputS3Region() != null ? s3.outputS3Region() : RequestContext.current().region();
            if (s3.outputS3BucketName() == null || !instances.bucketExists(s3.outputS3BucketName(), region)) {
                throw AssociationErrors.invalidOutputLocation();
            }
            output = new StoredAssociation.Output(s3.outputS3Region(), s3.outputS3BucketName(), s3.outputS3KeyPrefix());
        }
        for (String calendar : g.calendarNames() == null ? List.<String>of() : g.calendarNames()) {
            StoredDocument c = documents.visible(calendar);
            if (!c.type.equals("ChangeCalendar")) {
                throw SsmErrors.invalidDocument();
            }
        }
        return new StoredAssociation.Settings(number, state.now(), g.name(), documentVersion, g.instanceId(),
                parameters, targets, g.schedule(), output, g.associationName(), g.automationTargetParameterName(),
                g.maxErrors(), g.maxConcurrency(), g.complianceSeverity(), g.syncCompliance(),
                g.applyOnlyAtCronInterval(), g.calendarNames() == null ? null : List.copyOf(g.calendarNames()),
                g.scheduleOffset(), g.duration());
    }

    static Arn arn(String region, String account, String id) {
        return Arn.of("ssm", region, account, "association/" + id);
    }

    private StoredAssociation byId(String id) {
        StoredAssociation a = id == null ? null : current().associations.get(id);
        if (a == null) {
            throw AssociationErrors.doesNotExist();
        }
        return a;
    }

    /** By AssociationId, or by document Name and InstanceId (legacy associations). */
    private StoredAssociation find(String id, String name, String instanceId) {
        if (id != null) {
            return byId(id);
        }
        if (name == null || instanceId == null) {
            throw AssociationErrors.doesNotExist();
        }
        String doc = documentName(name);
        return current().associations.values().stream()
                .filter(a -> instanceId.equals(a.latest().instanceId()) && doc.equals(documentName(a.latest().name())))
                .findFirst().orElseThrow(AssociationErrors::doesNotExist);
    }

    private static StoredAssociation.Settings version(StoredAssociation a, String version) {
        if (version == null || version.equals("$LATEST")) {
            return a.latest();
        }
        StoredAssociation.Settings s;
        try {
            s = a.versions.get(Long.parseLong(version));
        } catch (NumberFormatException e) {
            s = null;
        }
        if (s == null) {
            throw AssociationErrors.invalidVersion();
        }
        return s;
    }

    /** A legacy association's status: the one last set, else Pending (Gureum's message). */
    private static StoredAssociation.Status status(StoredAssociation a) {
        if (a.status != null) {
            return a.status;
        }
        return new StoredAssociation.Status(a.created, "Pending", "Associated with " + a.versions.firstEntry()
                .getValue().name(), null);
    }

    private static AssociationOverview overview(String detailed) {
        return AssociationOverview.builder().status("Pending").detailedStatus(detailed)
                .associationStatusAggregatedCount(Map.of()).build();
    }

    private static List<Target> targets(StoredAssociation.Settings s) {
        return s.targets().isEmpty() ? null : s.targets().stream()
                .map(t -> Target.builder().key(t.key()).values(t.values()).build()).toList();
    }

    private static InstanceAssociationOutputLocation output(StoredAssociation.Settings s) {
        StoredAssociation.Output o = s.output();
        return o == null ? null : InstanceAssociationOutputLocation.builder().s3Location(S3OutputLocation.builder()
                .outputS3Region(o.region()).outputS3BucketName(o.bucket()).outputS3KeyPrefix(o.prefix()).build())
                .build();
    }

    private AssociationDescription describe(StoredAssociation a, StoredAssociation.Settings s, String detailed) {
        AssociationStatus status = null;
        if (s.instanceId() != null) {
            StoredAssociation.Status st = status(a);
            status = AssociationStatus.builder().date(st.date()).name(st.name()).message(st.message())
                    .additionalInfo(st.additionalInfo()).build();
        }
        return AssociationDescription.builder().name(s.name()).instanceId(s.instanceId())
                .associationVersion(Long.toString(s.version())).date(a.created)
                .lastUpdateAssociationDate(a.latest().created()).status(status).overview(overview(detailed))
                .documentVersion(s.documentVersion()).automationTargetParameterName(s.automationTargetParameterName())
                .parameters(s.parameters().isEmpty() ? null : s.parameters()).associationId(a.id).targets(targets(s))
                .scheduleExpression(s.schedule()).outputLocation(output(s)).associationName(s.associationName())
                .maxErrors(s.maxErrors()).maxConcurrency(s.maxConcurrency()).complianceSeverity(s.complianceSeverity())
                .syncCompliance(s.syncCompliance()).applyOnlyAtCronInterval(s.applyOnlyAtCronInterval())
                .calendarNames(s.calendarNames()).scheduleOffset(s.scheduleOffset()).duration(s.duration()).build();
    }

    private Association summary(StoredAssociation a) {
        StoredAssociation.Settings s = a.latest();
        return Association.builder().name(s.name()).instanceId(s.instanceId()).associationId(a.id)
                .associationVersion(Long.toString(s.version())).documentVersion(s.documentVersion())
                .targets(targets(s)).overview(overview("Pending")).scheduleExpression(s.schedule())
                .associationName(s.associationName()).scheduleOffset(s.scheduleOffset()).duration(s.duration())
                .build();
    }

    /** The tags of the caller's association {@code id} (AddTagsToResource, ResourceType Association). */
    Map<String, String> tagsOf(String id) {
        StoredAssociation a = current().associations.get(id);
        if (a == null) {
            throw SsmErrors.invalidResourceId();
        }
        a.revision++;
        return a.tags;
    }

    /** Builds tags for a response. */
    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
