package io.gureum.vpc;

import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.VerifiedAccessInstance;
import io.gureum.vpc.model.VerifiedAccessTrustProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.AttachVerifiedAccessTrustProviderRequest;
import software.amazon.awssdk.services.ec2.model.AttachVerifiedAccessTrustProviderResponse;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessInstanceRequest;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessInstanceResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVerifiedAccessInstanceRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVerifiedAccessInstanceResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessInstanceLoggingConfigurationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessInstanceLoggingConfigurationsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVerifiedAccessInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DetachVerifiedAccessTrustProviderRequest;
import software.amazon.awssdk.services.ec2.model.DetachVerifiedAccessTrustProviderResponse;
import software.amazon.awssdk.services.ec2.model.ExportVerifiedAccessInstanceClientConfigurationRequest;
import software.amazon.awssdk.services.ec2.model.ExportVerifiedAccessInstanceClientConfigurationResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessInstanceLoggingConfigurationRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessInstanceLoggingConfigurationResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessInstanceRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessInstanceResponse;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessInstanceCustomSubDomain;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessInstanceLoggingConfiguration;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessInstanceUserTrustProviderClientConfiguration;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessLogCloudWatchLogsDestination;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessLogDeliveryStatus;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessLogKinesisDataFirehoseDestination;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessLogOptions;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessLogS3Destination;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessLogs;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessTrustProviderCondensed;

/**
 * Verified Access instances (https://docs.aws.amazon.com/verified-access/latest/ug/verified-access-instances.html):
 * the regional entity that trust providers attach to and groups belong to. An instance has no state of its own
 * in the API; it is deleted at once, and only once it has no group and no trust provider attached (as the user
 * guide's "Delete a Verified Access instance" requires: {@code DependencyViolation}). Its access-logging
 * configuration is stored as given (no log is written; destinations are not checked, as this module has no
 * CloudWatch Logs, S3 or Firehose client).
 */
public final class VerifiedAccessInstances {
    /** The log versions ModifyVerifiedAccessInstanceLoggingConfiguration documents. */
    private static final List<String> LOG_VERSIONS = List.of("ocsf-0.1", "ocsf-1.0.0-rc.2");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private final Network net;
    private final Filters<VerifiedAccessInstance> filters;

    VerifiedAccessInstances(Network net) {
        this.net = net;
        this.filters = new Filters<VerifiedAccessInstance>().on("verified-access-instance-id", i -> i.id);
    }

    VerifiedAccessInstance require(VpcStore s, String id) {
        VerifiedAccess.require(id, "VerifiedAccessInstanceId");
        VerifiedAccessInstance i = s.vaInstances.get(id);
        if (i == null) {
            throw VerifiedAccess.instanceNotFound(id);
        }
        return i;
    }

    private static void checkSubDomain(String subDomain) {
        if (subDomain != null && !DOMAIN.matcher(subDomain).matches()) {
            throw Ec2Errors.invalidValue(subDomain, "CidrEndpointsCustomSubDomain", "It is not a valid domain name.");
        }
    }

    public CreateVerifiedAccessInstanceResponse createVerifiedAccessInstance(CreateVerifiedAccessInstanceRequest r) {
        VpcStore s = net.store();
        Tags.validate(r.tagSpecifications(), "verified-access-instance");
        checkSubDomain(r.cidrEndpointsCustomSubDomain());
        String fingerprint = VerifiedAccess.fingerprint(r);
        VerifiedAccessInstance earlier = VerifiedAccess.earlier(s.vaInstances, r.clientToken(), fingerprint,
                i -> i.clientToken, i -> i.requestFingerprint);
        Ec2Errors.checkDryRun(r.dryRun());
        if (earlier != null) {
            return CreateVerifiedAccessInstanceResponse.builder().verifiedAccessInstance(toSdk(s, earlier)).build();
        }
        VerifiedAccessInstance i = new VerifiedAccessInstance(net.id("vai"), s.account, net.now());
        i.description = r.description();
        i.fipsEnabled = Boolean.TRUE.equals(r.fipsEnabled());
        i.cidrEndpointsCustomSubDomain = r.cidrEndpointsCustomSubDomain();
        i.lastUpdated = i.created;
        i.clientToken = r.clientToken();
        i.requestFingerprint = fingerprint;
        Tags.apply(r.tagSpecifications(), i);
        s.put(s.vaInstances, i);
        return CreateVerifiedAccessInstanceResponse.builder().verifiedAccessInstance(toSdk(s, i)).build();
    }

    public DescribeVerifiedAccessInstancesResponse describeVerifiedAccessInstances(
            DescribeVerifiedAccessInstancesRequest r) {
        VpcStore s = net.store();
        List<VerifiedAccessInstance> found = selected(s, r.hasVerifiedAccessInstanceIds()
                ? r.verifiedAccessInstanceIds() : List.of());
        var matching = found.stream().filter(filters.predicate(r.filters())).toList();
        Ec2Errors.checkDryRun(r.dryRun());
        var page = Pagination.page(matching, r.maxResults(), r.nextToken(), 5, 200);
        return DescribeVerifiedAccessInstancesResponse.builder()
                .verifiedAccessInstances(page.items().stream().map(i -> toSdk(s, i)).toList())
                .nextToken(page.nextToken()).build();
    }

    private List<VerifiedAccessInstance> selected(VpcStore s, List<String> ids) {
        if (ids.isEmpty()) {
            return new ArrayList<>(s.vaInstances.values());
        }
        List<VerifiedAccessInstance> found = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            found.add(require(s, id));
        }
        return found;
    }

    public ModifyVerifiedAccessInstanceResponse modifyVerifiedAccessInstance(ModifyVerifiedAccessInstanceRequest r) {
        VpcStore s = net.store();
        VerifiedAccessInstance i = require(s, r.verifiedAccessInstanceId());
        checkSubDomain(r.cidrEndpointsCustomSubDomain());
        Ec2Errors.checkDryRun(r.dryRun());
        if (r.description() != null) {
            i.description = r.description();
        }
        if (r.cidrEndpointsCustomSubDomain() != null) {
            i.cidrEndpointsCustomSubDomain = r.cidrEndpointsCustomSubDomain();
        }
        i.lastUpdated = net.now();
        return ModifyVerifiedAccessInstanceResponse.builder().verifiedAccessInstance(toSdk(s, i)).build();
    }

    public DeleteVerifiedAccessInstanceResponse deleteVerifiedAccessInstance(DeleteVerifiedAccessInstanceRequest r) {
        VpcStore s = net.store();
        VerifiedAccessInstance i = require(s, r.verifiedAccessInstanceId());
        boolean hasGroups = s.vaGroups.values().stream().anyMatch(g -> g.instanceId.equals(i.id));
        if (hasGroups || !i.trustProviderIds.isEmpty()) {
            throw Ec2Errors.dependencyViolation("verifiedAccessInstance", i.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        var answer = toSdk(s, i);
        s.remove(s.vaInstances, i.id);
        return DeleteVerifiedAccessInstanceResponse.builder().verifiedAccessInstance(answer).build();
    }

    public AttachVerifiedAccessTrustProviderResponse attachVerifiedAccessTrustProvider(
            AttachVerifiedAccessTrustProviderRequest r) {
        VpcStore s = net.store();
        VerifiedAccessInstance i = require(s, r.verifiedAccessInstanceId());
        VerifiedAccessTrustProvider p = net.vaTrustProviders.require(s, r.verifiedAccessTrustProviderId());
        if (i.trustProviderIds.contains(p.id)) {
            throw Ec2Errors.invalidParameterValue("The trust provider " + p.id
                    + " is already attached to the Verified Access instance " + i.id + ".");
        }
        if (p.trustProviderType.equals("user") && i.trustProviderIds.stream()
                .map(s.vaTrustProviders::get).anyMatch(o -> o.trustProviderType.equals("user"))) {
            throw Ec2Errors.invalidParameterValue("The Verified Access instance " + i.id
                    + " already has a user trust provider attached.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        i.trustProviderIds.add(p.id);
        i.lastUpdated = net.now();
        return AttachVerifiedAccessTrustProviderResponse.builder().verifiedAccessInstance(toSdk(s, i))
                .verifiedAccessTrustProvider(net.vaTrustProviders.toSdk(s, p)).build();
    }

    public DetachVerifiedAccessTrustProviderResponse detachVerifiedAccessTrustProvider(
            DetachVerifiedAccessTrustProviderRequest r) {
        VpcStore s = net.store();
        VerifiedAccessInstance i = require(s, r.verifiedAccessInstanceId());
        VerifiedAccessTrustProvider p = net.vaTrustProviders.require(s, r.verifiedAccessTrustProviderId());
        if (!i.trustProviderIds.contains(p.id)) {
            throw Ec2Errors.invalidParameterValue("The trust provider " + p.id
                    + " is not attached to the Verified Access instance " + i.id + ".");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        i.trustProviderIds.remove(p.id);
        i.lastUpdated = net.now();
        return DetachVerifiedAccessTrustProviderResponse.builder().verifiedAccessInstance(toSdk(s, i))
                .verifiedAccessTrustProvider(net.vaTrustProviders.toSdk(s, p)).build();
    }

    /** Whether an instance holds the trust provider (which then cannot be deleted). */
    boolean holds(VpcStore s, String trustProviderId) {
        return s.vaInstances.values().stream().anyMatch(i -> i.trustProviderIds.contains(trustProviderId));
    }

    public ModifyVerifiedAccessInstanceLoggingConfigurationResponse modifyVerifiedAccessInstanceLoggingConfiguration(
            ModifyVerifiedAccessInstanceLoggingConfigurationRequest r) {
        VpcStore s = net.store();
        VerifiedAccessInstance i = require(s, r.verifiedAccessInstanceId());
        VerifiedAccess.require(r.accessLogs(), "AccessLogs");
        VerifiedAccessLogs logs = logs(r.accessLogs());
        Ec2Errors.checkDryRun(r.dryRun());
        i.accessLogs = logs;
        i.lastUpdated = net.now();
        return ModifyVerifiedAccessInstanceLoggingConfigurationResponse.builder()
                .loggingConfiguration(logging(i)).build();
    }

    /**
     * The configuration as described, from the options given: an enabled destination needs its log group, bucket
     * or delivery stream ({@code MissingParameter}); delivery is reported {@code success} for each enabled one.
     */
    private static VerifiedAccessLogs logs(VerifiedAccessLogOptions o) {
        if (o.logVersion() != null && !LOG_VERSIONS.contains(o.logVersion())) {
            throw Ec2Errors.invalidValue(o.logVersion(), "LogVersion", "Valid values: ocsf-0.1 | ocsf-1.0.0-rc.2");
        }
        VerifiedAccessLogDeliveryStatus ok = VerifiedAccessLogDeliveryStatus.builder().code("success").build();
        VerifiedAccessLogs.Builder b = VerifiedAccessLogs.builder()
                .logVersion(o.logVersion() == null ? "ocsf-0.1" : o.logVersion())
                .includeTrustContext(Boolean.TRUE.equals(o.includeTrustContext()));
        var cw = o.cloudWatchLogs();
        boolean cwOn = cw != null && Boolean.TRUE.equals(cw.enabled());
        if (cwOn) {
            VerifiedAccess.require(cw.logGroup(), "AccessLogs.CloudWatchLogs.LogGroup");
        }
        b.cloudWatchLogs(VerifiedAccessLogCloudWatchLogsDestination.builder().enabled(cwOn)
                .logGroup(cwOn ? cw.logGroup() : null).deliveryStatus(cwOn ? ok : null).build());
        var s3 = o.s3();
        boolean s3On = s3 != null && Boolean.TRUE.equals(s3.enabled());
        if (s3On) {
            VerifiedAccess.require(s3.bucketName(), "AccessLogs.S3.BucketName");
        }
        b.s3(VerifiedAccessLogS3Destination.builder().enabled(s3On).bucketName(s3On ? s3.bucketName() : null)
                .prefix(s3On ? s3.prefix() : null).bucketOwner(s3On ? s3.bucketOwner() : null)
                .deliveryStatus(s3On ? ok : null).build());
        var fh = o.kinesisDataFirehose();
        boolean fhOn = fh != null && Boolean.TRUE.equals(fh.enabled());
        if (fhOn) {
            VerifiedAccess.require(fh.deliveryStream(), "AccessLogs.KinesisDataFirehose.DeliveryStream");
        }
        b.kinesisDataFirehose(VerifiedAccessLogKinesisDataFirehoseDestination.builder().enabled(fhOn)
                .deliveryStream(fhOn ? fh.deliveryStream() : null).deliveryStatus(fhOn ? ok : null).build());
        return b.build();
    }

    private static VerifiedAccessInstanceLoggingConfiguration logging(VerifiedAccessInstance i) {
        VerifiedAccessLogs logs = i.accessLogs != null ? i.accessLogs : logs(VerifiedAccessLogOptions.builder().build());
        return VerifiedAccessInstanceLoggingConfiguration.builder().verifiedAccessInstanceId(i.id).accessLogs(logs)
                .build();
    }

    public DescribeVerifiedAccessInstanceLoggingConfigurationsResponse describeVerifiedAccessInstanceLoggingConfigurations(
            DescribeVerifiedAccessInstanceLoggingConfigurationsRequest r) {
        VpcStore s = net.store();
        List<VerifiedAccessInstance> found = selected(s, r.hasVerifiedAccessInstanceIds()
                ? r.verifiedAccessInstanceIds() : List.of());
        var matching = found.stream().filter(filters.predicate(r.filters())).toList();
        Ec2Errors.checkDryRun(r.dryRun());
        var page = Pagination.page(matching, r.maxResults(), r.nextToken(), 1, 10);
        return DescribeVerifiedAccessInstanceLoggingConfigurationsResponse.builder()
                .loggingConfigurations(page.items().stream().map(VerifiedAccessInstances::logging).toList())
                .nextToken(page.nextToken()).build();
    }

    /**
     * The client configuration of an instance: its user trust provider's OIDC settings (the client secret
     * included, as the API returns it) and its device trust provider types. OpenVPN configurations exist only
     * for network CIDR endpoints' connectivity clients, which Gureum does not run: the list is empty.
     */
    public ExportVerifiedAccessInstanceClientConfigurationResponse exportVerifiedAccessInstanceClientConfiguration(
            ExportVerifiedAccessInstanceClientConfigurationRequest r) {
        VpcStore s = net.store();
        VerifiedAccessInstance i = require(s, r.verifiedAccessInstanceId());
        Ec2Errors.checkDryRun(r.dryRun());
        var b = ExportVerifiedAccessInstanceClientConfigurationResponse.builder().version("1.0")
                .verifiedAccessInstanceId(i.id).region(s.region).openVpnConfigurations(List.of());
        List<String> devices = new ArrayList<>();
        for (String id : i.trustProviderIds) {
            VerifiedAccessTrustProvider p = s.vaTrustProviders.get(id);
            if (p.trustProviderType.equals("device")) {
                devices.add(p.deviceTrustProviderType);
            } else {
                var u = VerifiedAccessInstanceUserTrustProviderClientConfiguration.builder()
                        .type(p.userTrustProviderType);
                var o = p.nativeApplicationOidcOptions;
                if (o != null) {
                    u.issuer(o.issuer()).authorizationEndpoint(o.authorizationEndpoint())
                            .tokenEndpoint(o.tokenEndpoint()).userInfoEndpoint(o.userInfoEndpoint())
                            .publicSigningKeyEndpoint(o.publicSigningKeyEndpoint()).clientId(o.clientId())
                            .clientSecret(p.nativeClientSecret).scopes(o.scope()).pkceEnabled(true);
                }
                b.userTrustProvider(u.build());
            }
        }
        return b.deviceTrustProvidersWithStrings(devices).build();
    }

    software.amazon.awssdk.services.ec2.model.VerifiedAccessInstance toSdk(VpcStore s, VerifiedAccessInstance i) {
        List<VerifiedAccessTrustProviderCondensed> providers = new ArrayList<>();
        for (String id : i.trustProviderIds) {
            VerifiedAccessTrustProvider p = s.vaTrustProviders.get(id);
            providers.add(VerifiedAccessTrustProviderCondensed.builder().verifiedAccessTrustProviderId(p.id)
                    .description(p.description).trustProviderType(p.trustProviderType)
                    .userTrustProviderType(p.userTrustProviderType)
                    .deviceTrustProviderType(p.deviceTrustProviderType).build());
        }
        return software.amazon.awssdk.services.ec2.model.VerifiedAccessInstance.builder().verifiedAccessInstanceId(i.id)
                .description(i.description).verifiedAccessTrustProviders(providers)
                .creationTime(VerifiedAccess.time(i.created)).lastUpdatedTime(VerifiedAccess.time(i.lastUpdated))
                .fipsEnabled(i.fipsEnabled).cidrEndpointsCustomSubDomain(subDomain(i))
                .tags(Tags.toSdk(s.tagsOf(i))).build();
    }

    /**
     * The custom subdomain of network CIDR endpoints with the four name servers to delegate it to (Route 53
     * style names, fixed per instance).
     */
    private static VerifiedAccessInstanceCustomSubDomain subDomain(VerifiedAccessInstance i) {
        if (i.cidrEndpointsCustomSubDomain == null) {
            return null;
        }
        int h = Math.floorMod(i.id.hashCode(), 2000);
        return VerifiedAccessInstanceCustomSubDomain.builder().subDomain(i.cidrEndpointsCustomSubDomain)
                .nameservers("ns-" + h + ".awsdns-" + (h % 64) + ".com", "ns-" + (h + 512) + ".awsdns-"
                        + (h % 64) + ".net", "ns-" + (h + 1024) + ".awsdns-" + (h % 64) + ".org",
                        "ns-" + (h + 1536) + ".awsdns-" + (h % 64) + ".co.uk")
                .build();
    }
}
