package io.gureum.s3.control;

import io.gureum.core.error.AwsException;
import io.gureum.core.ids.Arn;
import io.gureum.core.persist.SdkJson;
import io.gureum.core.protocol.RequestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.s3control.model.*;

/**
 * S3 Storage Lens (https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage_lens.html): dashboard
 * configurations and their tags, and Storage Lens groups, kept per account and home Region (the Region of the
 * request) and checked as the Storage Lens error list describes
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#S3LensErrorCodeList). Gureum computes
 * no metrics and exports nothing: the configurations are stored and answered.
 */
final class StorageLens {
    static final String CONFIGURATION = "storagelens";
    static final String GROUP = "storagelensgroup";
    /** The dashboard every account has, which cannot be deleted. */
    static final String DEFAULT_DASHBOARD = "default-account-dashboard";
    /** "You have attempted to create more Storage Lens group configurations than the 50 allowed." */
    static final int MAX_GROUPS = 50;
    private static final int MAX_CONTAINER = 50;
    private static final int MAX_ELEMENTS = 10;
    private static final long FIFTY_TB = 50L * 1024 * 1024 * 1024 * 1024;

    private final Kept kept;
    private final ControlState state;

    StorageLens(ControlState state, Kept kept) {
        this.state = state;
        this.kept = kept;
    }

    private static AwsException error(String code, String message) {
        return new AwsException(code, message, 400);
    }

    /** Gureum's choice for a missing configuration or group: S3's general code for a missing configuration. */
    static AwsException noSuchConfiguration() {
        return new AwsException("NoSuchConfiguration", "The specified configuration does not exist.", 404);
    }

    // Storage Lens configurations (dashboards)

    public PutStorageLensConfigurationResponse putStorageLensConfiguration(PutStorageLensConfigurationRequest request) {
        String account = ControlErrors.callerAccount(request.accountId());
        String region = RequestContext.current().region();
        StorageLensConfiguration c = request.storageLensConfiguration();
        if (!request.configId().equals(c.id())) {
            throw error("InvalidConfigId", "The configuration ID is not valid.");
        }
        if (c.storageLensArn() != null) {
            throw error("InvalidStorageLensArn", "The S3 Storage Lens ARN is not required in input.");
        }
        if (c.include() != null && c.exclude() != null) {
            throw error("InvalidIncludeExcludeContainers", "You can specify either an Include container or an "
                    + "Exclude container in a configuration. You cannot specify both in a configuration.");
        }
        if (c.include() != null) {
            checkContainer("Include", c.include().buckets(), c.include().regions());
        }
        if (c.exclude() != null) {
            checkContainer("Exclude", c.exclude().buckets(), c.exclude().regions());
        }
        if (c.awsOrg() != null && (c.include() != null && c.include().hasBuckets()
                || c.exclude() != null && c.exclude().hasBuckets())) {
            throw error("InvalidBucketFilter", "Organization-level configurations do not support bucket filters.");
        }
        checkExport(c.dataExport());
        checkPrefixes(c.accountLevel());
        if (c.awsOrg() != null) {
            checkOrganization(account, c.awsOrg().arn());
        }
        Map<String, String> tags = request.hasTags() ? lensTags(request.tags()) : null;
        synchronized (kept) {
            Kept.Entry before = kept.get(CONFIGURATION, account, region, c.id());
            String arn = Arn.of("s3", region, account, "storage-lens/" + c.id()).toString();
            Kept.Entry e = new Kept.Entry(CONFIGURATION, account, region, c.id(), arn, SdkJson.toJson(c),
                    before == null ? state.context.clock().now() : before.created(), null);
            kept.put(e, tags);
            if (before != null && tags != null) {
                state.context.registry().replaceTags(Arn.parse(arn), tags);
                kept.record(e);
            }
        }
        return PutStorageLensConfigurationResponse.builder().build();
    }

    private static final java.util.regex.Pattern BUCKET_ARN = java.util.regex.Pattern.compile(
            "arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final java.util.regex.Pattern KMS_KEY_ARN = java.util.regex.Pattern.compile(
            "arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/.+");
    private static final java.util.regex.Pattern ORG_ARN = java.util.regex.Pattern.compile(
            "arn:aws[a-z-]*:organizations::\\d{12}:organization/o-[a-z0-9]{10,32}");

    /** The export bucket's ARN, and exactly one encryption method with a key ARN for SSE-KMS. */
    private static void checkExport(StorageLensDataExport export) {
        S3BucketDestination d = export == null ? null : export.s3BucketDestination();
        if (d == null) {
            return;
        }
        if (d.arn() == null || !BUCKET_ARN.matcher(d.arn()).matches()) {
            throw error("InvalidDestination", "The S3 bucket ARN is malformed.");
        }
        StorageLensDataExportEncryption e = d.encryption();
        if (e != null && e.sses3() != null && e.ssekms() != null) {
            throw error("InvalidEncryptionMethod", "Only one encryption method can be specified.");
        }
        if (e != null && e.sses3() == null && e.ssekms() == null) {
            throw error("MissingEncryptionMethod",
                    "The encryption method cannot be blank. Specify either SSE-KMS or SSE-S3.");
        }
        if (e != null && e.ssekms() != null && (e.ssekms().keyId() == null
                || !KMS_KEY_ARN.matcher(e.ssekms().keyId()).matches())) {
            throw error("InvalidKMSEncryptionKeyId", "The KMS key ID ARN is not valid.");
        }
    }

    /** Prefix-level selection: MaxDepth within [1,10], MinStorageBytesPercentage within [1.00,100.00]. */
    private static void checkPrefixes(AccountLevel level) {
        SelectionCriteria s = level == null || level.bucketLevel() == null
                || level.bucketLevel().prefixLevel() == null
                || level.bucketLevel().prefixLevel().storageMetrics() == null ? null
                        : level.bucketLevel().prefixLevel().storageMetrics().selectionCriteria();
        if (s == null) {
            return;
        }
        if (s.maxDepth() != null && (s.maxDepth() < 1 || s.maxDepth() > 10)) {
            throw error("InvalidMaximumPrefixDepth", "MaxDepth must be within the range [1,10].");
        }
        Double min = s.minStorageBytesPercentage();
        if (min != null && (min < 1.0 || min > 100.0)) {
            throw error("InvalidMinimumStorageBytesPercentage",
                    "MinStorageBytesPercentage must be within the range [1.00,100.00].");
        }
    }

    /**
     * An organization-level configuration needs the account to be its organization's management account (asked of
     * AWS Organizations in-process; delegated administrators are not modelled): otherwise
     * AWSOrganizationsNotInUseException or AccountNotAuthorized 403, and an ARN not the organization's
     * InvalidOrganizationARN 400.
     */
    private void checkOrganization(String account, String orgArn) {
        if (orgArn == null || !ORG_ARN.matcher(orgArn).matches()) {
            throw error("InvalidAWSOrgArn", "There is a malformed AWS Organizations ARN in the configuration.");
        }
        var clients = state.context.clients();
        if (!clients.serves(software.amazon.awssdk.services.organizations.OrganizationsClient.class)) {
            throw new AwsException("NotImplemented", "PutStorageLensConfiguration with AwsOrg needs AWS "
                    + "Organizations, which this server does not serve", 501);
        }
        software.amazon.awssdk.services.organizations.model.Organization org;
        try {
            org = clients.client(software.amazon.awssdk.services.organizations.OrganizationsClient.class,
                    io.gureum.core.spi.Caller.root(account, RequestContext.current().region())).describeOrganization()
                    .organization();
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            throw new AwsException("AWSOrganizationsNotInUseException", "This account is not part of your "
                    + "organization.", 403);
        }
        if (!account.equals(org.masterAccountId())) {
            throw new AwsException("AccountNotAuthorized", "This account not authorized to use AWS Organizations. "
                    + "Use your management account or delegated administrator account.", 403);
        }
        if (!orgArn.equals(org.arn())) {
            throw error("InvalidOrganizationARN", "The AWS Organizations ARN in the configuration is not valid.");
        }
    }

    private static void checkContainer(String which, List<String> buckets, List<String> regions) {
        boolean noBuckets = buckets == null || buckets.isEmpty();
        boolean noRegions = regions == null || regions.isEmpty();
        if (noBuckets && noRegions) {
            throw error("Empty" + which + "Container", "The " + which.toLowerCase() + " container cannot be empty.");
        }
        if (!noBuckets && buckets.size() > MAX_CONTAINER) {
            throw error("TooManyBuckets", "The buckets container cannot have more than 50 buckets.");
        }
        if (!noRegions && regions.size() > MAX_CONTAINER) {
            throw error("TooManyRegions", "The Regions container cannot have more than 50 Regions.");
        }
    }

    public GetStorageLensConfigurationResponse getStorageLensConfiguration(GetStorageLensConfigurationRequest request) {
        Kept.Entry e = configuration(request.accountId(), request.configId());
        return GetStorageLensConfigurationResponse.builder().storageLensConfiguration(configuration(e)).build();
    }

    private static StorageLensConfiguration configuration(Kept.Entry e) {
        return SdkJson.fromJson(e.body(), StorageLensConfiguration.class).toBuilder().storageLensArn(e.arn()).build();
    }

    /** Deleting the account's default dashboard is forbidden; a missing one is NoSuchConfiguration. */
    public DeleteStorageLensConfigurationResponse deleteStorageLensConfiguration(
            DeleteStorageLensConfigurationRequest request) {
        if (DEFAULT_DASHBOARD.equals(request.configId())) {
            ControlErrors.callerAccount(request.accountId());
            throw new AwsException("DefaultConfigurationDeleteForbidden",
                    "The Default configuration cannot be deleted.", 403);
        }
        synchronized (kept) {
            kept.remove(configuration(request.accountId(), request.configId()));
        }
        return DeleteStorageLensConfigurationResponse.builder().build();
    }

    /** All of the account's configurations of the Region in one page, by ID. */
    public ListStorageLensConfigurationsResponse listStorageLensConfigurations(
            ListStorageLensConfigurationsRequest request) {
        String account = ControlErrors.callerAccount(request.accountId());
        List<ListStorageLensConfigurationEntry> out = new ArrayList<>();
        for (Kept.Entry e : kept.list(CONFIGURATION, account, RequestContext.current().region())) {
            StorageLensConfiguration c = configuration(e);
            out.add(ListStorageLensConfigurationEntry.builder().id(c.id()).storageLensArn(e.arn())
                    .homeRegion(e.region()).isEnabled(c.isEnabled()).build());
        }
        return ListStorageLensConfigurationsResponse.builder().storageLensConfigurationList(out).build();
    }

    /** Replaces the configuration's tags. */
    public PutStorageLensConfigurationTaggingResponse putStorageLensConfigurationTagging(
            PutStorageLensConfigurationTaggingRequest request) {
        Map<String, String> tags = lensTags(request.tags());
        synchronized (kept) {
            Kept.Entry e = configuration(request.accountId(), request.configId());
            state.context.registry().replaceTags(Arn.parse(e.arn()), tags);
            kept.record(e);
        }
        return PutStorageLensConfigurationTaggingResponse.builder().build();
    }

    public GetStorageLensConfigurationTaggingResponse getStorageLensConfigurationTagging(
            GetStorageLensConfigurationTaggingRequest request) {
        Kept.Entry e = configuration(request.accountId(), request.configId());
        List<StorageLensTag> tags = new ArrayList<>();
        state.context.registry().tags(Arn.parse(e.arn()))
                .forEach((k, v) -> tags.add(StorageLensTag.builder().key(k).value(v).build()));
        return GetStorageLensConfigurationTaggingResponse.builder().tags(tags).build();
    }

    public DeleteStorageLensConfigurationTaggingResponse deleteStorageLensConfigurationTagging(
            DeleteStorageLensConfigurationTaggingRequest request) {
        synchronized (kept) {
            Kept.Entry e = configuration(request.accountId(), request.configId());
            state.context.registry().replaceTags(Arn.parse(e.arn()), Map.of());
            kept.record(e);
        }
        return DeleteStorageLensConfigurationTaggingResponse.builder().build();
    }

    private Kept.Entry configuration(String accountId, String configId) {
        String account = ControlErrors.callerAccount(accountId);
        Kept.Entry e = kept.get(CONFIGURATION, account, RequestContext.current().region(), configId);
        if (e == null) {
            throw noSuchConfiguration();
        }
        return e;
    }

    private static Map<String, String> lensTags(List<StorageLensTag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (StorageLensTag t : tags) {
            if (out.put(t.key(), t.value()) != null) {
                throw error("InvalidTag", "There are duplicate tag keys in your request.");
            }
        }
        return out;
    }

    // Storage Lens groups

    public CreateStorageLensGroupResponse createStorageLensGroup(CreateStorageLensGroupRequest request) {
        String account = ControlErrors.callerAccount(request.accountId());
        String region = RequestContext.current().region();
        StorageLensGroup g = request.storageLensGroup();
        checkFilter(g.filter());
        Map<String, String> tags = new LinkedHashMap<>();
        if (request.hasTags()) {
            request.tags().forEach(t -> tags.put(t.key(), t.value()));
        }
        synchronized (kept) {
            if (kept.get(GROUP, account, region, g.name()) != null) {
                throw new AwsException("ConfigurationAlreadyExists", "The specified configuration already exists.",
                        409);
            }
            if (kept.list(GROUP, account, region).size() >= MAX_GROUPS) {
                throw error("TooManyConfigurations",
                        "You have attempted to create more Storage Lens group configurations than the 50 allowed.");
            }
            String arn = Arn.of("s3", region, account, "storage-lens-group/" + g.name()).toString();
            kept.put(new Kept.Entry(GROUP, account, region, g.name(), arn,
                    SdkJson.toJson(g.toBuilder().storageLensGroupArn(null).build()), state.context.clock().now(),
                    null), tags);
        }
        return CreateStorageLensGroupResponse.builder().build();
    }

    public GetStorageLensGroupResponse getStorageLensGroup(GetStorageLensGroupRequest request) {
        Kept.Entry e = group(request.accountId(), request.name());
        return GetStorageLensGroupResponse.builder().storageLensGroup(group(e)).build();
    }

    private static StorageLensGroup group(Kept.Entry e) {
        return SdkJson.fromJson(e.body(), StorageLensGroup.class).toBuilder().storageLensGroupArn(e.arn()).build();
    }

    /** A new filter for the group; the body's name must be the group's own. */
    public UpdateStorageLensGroupResponse updateStorageLensGroup(UpdateStorageLensGroupRequest request) {
        StorageLensGroup g = request.storageLensGroup();
        synchronized (kept) {
            Kept.Entry e = group(request.accountId(), request.name());
            if (!request.name().equals(g.name())) {
                throw error("MismatchedName",
                        "The name specified in the request doesn't match the Storage Lens group name.");
            }
            checkFilter(g.filter());
            kept.put(e.withBody(SdkJson.toJson(g.toBuilder().storageLensGroupArn(null).build())), null);
        }
        return UpdateStorageLensGroupResponse.builder().build();
    }

    public DeleteStorageLensGroupResponse deleteStorageLensGroup(DeleteStorageLensGroupRequest request) {
        synchronized (kept) {
            kept.remove(group(request.accountId(), request.name()));
        }
        return DeleteStorageLensGroupResponse.builder().build();
    }

    /** The account's groups of this home Region in one page, by name. */
    public ListStorageLensGroupsResponse listStorageLensGroups(ListStorageLensGroupsRequest request) {
        String account = ControlErrors.callerAccount(request.accountId());
        List<ListStorageLensGroupEntry> out = new ArrayList<>();
        for (Kept.Entry e : kept.list(GROUP, account, RequestContext.current().region())) {
            out.add(ListStorageLensGroupEntry.builder().name(e.key()).storageLensGroupArn(e.arn())
                    .homeRegion(e.region()).build());
        }
        return ListStorageLensGroupsResponse.builder().storageLensGroupList(out).build();
    }

    Kept.Entry group(String accountId, String name) {
        String account = ControlErrors.callerAccount(accountId);
        Kept.Entry e = kept.get(GROUP, account, RequestContext.current().region(), name);
        if (e == null) {
            throw noSuchConfiguration();
        }
        return e;
    }

    /**
     * A group's filter: exactly one condition, or one And/Or of at least two; each list non-empty, of at most 10
     * distinct elements; ages and sizes positive with the lower bound below the upper (the groups' error list).
     */
    static void checkFilter(StorageLensGroupFilter f) {
        int n = conditions(f.hasMatchAnyPrefix() ? f.matchAnyPrefix() : null,
                f.hasMatchAnySuffix() ? f.matchAnySuffix() : null, f.hasMatchAnyTag() ? f.matchAnyTag() : null,
                f.matchObjectAge(), f.matchObjectSize()) + (f.and() != null ? 1 : 0) + (f.or() != null ? 1 : 0);
        if (n != 1) {
            throw error("InvalidFilter", "A filter must include one of the following elements: And, Or, MatchAnyTag, "
                    + "MatchAnyPrefix, MatchAnySuffix, MatchObjectAge, MatchObjectSize.");
        }
        if (f.and() != null) {
            StorageLensGroupAndOperator a = f.and();
            logical(conditions(a.hasMatchAnyPrefix() ? a.matchAnyPrefix() : null,
                    a.hasMatchAnySuffix() ? a.matchAnySuffix() : null, a.hasMatchAnyTag() ? a.matchAnyTag() : null,
                    a.matchObjectAge(), a.matchObjectSize()));
        }
        if (f.or() != null) {
            StorageLensGroupOrOperator o = f.or();
            logical(conditions(o.hasMatchAnyPrefix() ? o.matchAnyPrefix() : null,
                    o.hasMatchAnySuffix() ? o.matchAnySuffix() : null, o.hasMatchAnyTag() ? o.matchAnyTag() : null,
                    o.matchObjectAge(), o.matchObjectSize()));
        }
    }

    private static void logical(int conditions) {
        if (conditions < 2) {
            throw error("InvalidLogicalOperator",
                    "At least two sub elements must be present in the logical operators And or Or.");
        }
    }

    /** How many conditions are given, each checked. */
    private static int conditions(List<String> prefixes, List<String> suffixes, List<S3Tag> tags, MatchObjectAge age,
            MatchObjectSize size) {
        int n = 0;
        if (prefixes != null) {
            strings(prefixes, "MatchAnyPrefix", "InvalidPrefix",
                    "The maximum length of a prefix is 1,024 characters. The prefix string can't be empty.");
            n++;
        }
        if (suffixes != null) {
            strings(suffixes, "MatchAnySuffix", "InvalidSuffix",
                    "The maximum length of a suffix is 1,024 characters. The suffix string can't be empty.");
            n++;
        }
        if (tags != null) {
            if (tags.isEmpty()) {
                throw error("InvalidMatchAnyTag", "The MatchAnyTag parameter can't be empty.");
            }
            tooMany(tags.size());
            Set<String> keys = new HashSet<>();
            for (S3Tag t : tags) {
                if (!keys.add(t.key())) {
                    throw error("DuplicateElement", "Tags must be unique.");
                }
            }
            n++;
        }
        if (age != null) {
            Integer gt = age.daysGreaterThan();
            Integer lt = age.daysLessThan();
            if (gt == null && lt == null) {
                throw error("InvalidMatchObjectAge", "The MatchObjectAge parameter can't be empty.");
            }
            if (gt != null && gt <= 0 || lt != null && lt <= 0) {
                throw error("InvalidAge", "DaysLessThan and DaysGreaterThan must be positive numbers.");
            }
            if (gt != null && lt != null && gt >= lt) {
                throw error("InvalidNumericCombination", "This object age or object size combination isn't valid.");
            }
            n++;
        }
        if (size != null) {
            Long gt = size.bytesGreaterThan();
            Long lt = size.bytesLessThan();
            if (gt == null && lt == null) {
                throw error("InvalidMatchObjectSize", "The MatchObjectSize parameter can't be empty.");
            }
            if (gt != null && (gt <= 0 || gt >= FIFTY_TB) || lt != null && (lt <= 0 || lt > FIFTY_TB)) {
                throw error("InvalidSize", "BytesLessThan and BytesGreaterThan must be positive numbers. The maximum "
                        + "object size can't exceed 50 TB. The minimum object size can't be greater than or equal "
                        + "to 50 TB.");
            }
            if (gt != null && lt != null && gt >= lt) {
                throw error("InvalidNumericCombination", "This object age or object size combination isn't valid.");
            }
            n++;
        }
        return n;
    }

    private static void strings(List<String> values, String element, String invalidCode, String invalidMessage) {
        if (values.isEmpty()) {
            throw error("Invalid" + element, "The " + element + " parameter can't be empty.");
        }
        tooMany(values.size());
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            if (v == null || v.isEmpty() || v.length() > 1024) {
                throw error(invalidCode, invalidMessage);
            }
            if (!seen.add(v)) {
                throw error("DuplicateElement", "Logical operator includes duplicate prefixes or suffixes.");
            }
        }
    }

    private static void tooMany(int size) {
        if (size > MAX_ELEMENTS) {
            throw error("TooManyElements", "The Element exceeds the maximum number of elements allowed within a "
                    + "logical operator. Only 10 prefixes, suffixes, or tags are allowed.");
        }
    }
}
