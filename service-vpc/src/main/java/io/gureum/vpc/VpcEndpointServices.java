package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.VpcEndpointService;
import io.gureum.vpc.model.VpcEndpointService.Permission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.AddedPrincipal;
import software.amazon.awssdk.services.ec2.model.AllowedPrincipal;
import software.amazon.awssdk.services.ec2.model.CreateVpcEndpointServiceConfigurationRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcEndpointServiceConfigurationResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpcEndpointServiceConfigurationsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcEndpointServiceConfigurationsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointServiceConfigurationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointServiceConfigurationsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointServicePermissionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointServicePermissionsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointServiceConfigurationRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointServiceConfigurationResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointServicePayerResponsibilityRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointServicePayerResponsibilityResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointServicePermissionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointServicePermissionsResponse;
import software.amazon.awssdk.services.ec2.model.PrivateDnsDetails;
import software.amazon.awssdk.services.ec2.model.PrivateDnsNameConfiguration;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;
import software.amazon.awssdk.services.ec2.model.ServiceTypeDetail;
import software.amazon.awssdk.services.ec2.model.StartVpcEndpointServicePrivateDnsVerificationRequest;
import software.amazon.awssdk.services.ec2.model.StartVpcEndpointServicePrivateDnsVerificationResponse;
import software.amazon.awssdk.services.ec2.model.SupportedRegionDetail;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItemError;

/**
 * VPC endpoint services (https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html): a
 * service in front of Network Load Balancers (interface endpoints) or Gateway Load Balancers (Gateway Load
 * Balancer endpoints), its allowed principals, and the verification of its private DNS name. Gureum serves no
 * public DNS, so the TXT record a verification looks for is never found: the verification fails, as AWS's
 * does when the record is missing.
 */
public final class VpcEndpointServices {
    /** How long a new service stays {@code Pending}. */
    static final Duration PENDING = Duration.ofSeconds(2);
    /** How long a started private DNS verification stays {@code pendingVerification} before it fails. */
    static final Duration VERIFICATION = Duration.ofSeconds(10);
    private static final Pattern PRINCIPAL = Pattern.compile(
            "arn:aws[a-z-]*:iam::(\\d{12}):(root|user/.+|role/.+)");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,255}$)([a-zA-Z0-9*]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,63}");

    private final Network net;
    private final Ec2Filters<Permission> permissionFilters = new Ec2Filters<Permission>()
            .on("principal", p -> p.principal)
            .on("principal-type", p -> p.principalType);

    VpcEndpointServices(Network net) {
        this.net = net;
    }

    static AwsException notFound(String id) {
        return new AwsException("InvalidVpcEndpointServiceId.NotFound",
                "The Vpc Endpoint Service Id '" + id + "' does not exist", 400);
    }

    /** The caller's own service, or InvalidVpcEndpointServiceId.NotFound. */
    VpcEndpointService require(VpcStore s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("ServiceId");
        }
        VpcEndpointService v = s.endpointServices.get(id);
        if (v == null) {
            throw notFound(id);
        }
        return v;
    }

    /** {@code Pending} for a moment after creation, then {@code Available}. */
    String state(VpcEndpointService v) {
        return net.now().isBefore(v.created.plus(PENDING)) ? "Pending" : "Available";
    }

    /** {@code pendingVerification} until a verification is started, then {@code failed} (no TXT record is found). */
    String dnsState(VpcEndpointService v) {
        if (v.dnsVerificationStarted != null && !net.now().isBefore(v.dnsVerificationStarted.plus(VERIFICATION))) {
            return "failed";
        }
        return "pendingVerification";
    }

    static String serviceName(String region, String id) {
        return "com.amazonaws.vpce." + region + "." + id;
    }

    /** The service of this name in any account of the region, or null. */
    VpcEndpointService byName(String region, String name, VpcStore[] owner) {
        String prefix = "com.amazonaws.vpce." + region + ".";
        if (name == null || !name.startsWith(prefix)) {
            return null;
        }
        String id = name.substring(prefix.length());
        VpcEndpointService[] found = new VpcEndpointService[1];
        net.forEachStore(s -> {
            if (found[0] == null && s.region.equals(region) && s.endpointServices.containsKey(id)) {
                found[0] = s.endpointServices.get(id);
                owner[0] = s;
            }
        });
        return found[0];
    }

    /**
     * Whether a principal of {@code account} ({@code principalArn} when the request was signed by a user's or a
     * role's key) may see and connect to the service: the owner always, others when an allowed principal is
     * {@code *}, their account's root, or their own ARN.
     */
    boolean allows(VpcEndpointService v, String account, String principalArn) {
        if (v.ownerId.equals(account)) {
            return true;
        }
        for (Permission p : v.permissions) {
            if (p.principal.equals("*") || p.principal.equals(principalArn)) {
                return true;
            }
            var m = PRINCIPAL.matcher(p.principal);
            if (m.matches() && m.group(1).equals(account) && m.group(2).equals("root")) {
                return true;
            }
        }
        return false;
    }

    public CreateVpcEndpointServiceConfigurationResponse createVpcEndpointServiceConfiguration(
            CreateVpcEndpointServiceConfigurationRequest r) {
        VpcStore s = net.store();
        if (r.clientToken() != null) {
            for (VpcEndpointService v : s.endpointServices.values()) {
                if (r.clientToken().equals(v.clientToken)) {
                    Ec2Errors.checkDryRun(r.dryRun());
                    return CreateVpcEndpointServiceConfigurationResponse.builder().serviceConfiguration(toSdk(s, v))
                            .clientToken(r.clientToken()).build();
                }
            }
        }
        List<String> nlbs = r.hasNetworkLoadBalancerArns() ? r.networkLoadBalancerArns() : List.of();
        List<String> gwlbs = r.hasGatewayLoadBalancerArns() ? r.gatewayLoadBalancerArns() : List.of();
        if (nlbs.isEmpty() && gwlbs.isEmpty()) {
            throw Ec2Error.INVALID_PARAMETER.withMessage(
                    "Either NetworkLoadBalancerArns or GatewayLoadBalancerArns must be specified.");
        }
        if (!nlbs.isEmpty() && !gwlbs.isEmpty()) {
            throw Ec2Errors.combination(
                    "NetworkLoadBalancerArns and GatewayLoadBalancerArns cannot be specified together.");
        }
        String type = nlbs.isEmpty() ? "GatewayLoadBalancer" : "Interface";
        net.loadBalancers.check(s, nlbs, "network");
        net.loadBalancers.check(s, gwlbs, "gateway");
        if (r.privateDnsName() != null) {
            if (type.equals("GatewayLoadBalancer")) {
                throw Ec2Errors.combination("Private DNS names are not supported for Gateway Load Balancer "
                        + "endpoint services.");
            }
            checkDomain(r.privateDnsName());
        }
        List<String> ipTypes = ipTypes(r.hasSupportedIpAddressTypes() ? r.supportedIpAddressTypes() : List.of("ipv4"));
        List<String> regions = regions(s, r.hasSupportedRegions() ? r.supportedRegions() : List.of());
        Tags.validate(r.tagSpecifications(), "vpc-endpoint-service");
        Ec2Errors.checkDryRun(r.dryRun());
        VpcEndpointService v = new VpcEndpointService(net.id("vpce-svc"), s.account, net.now());
        v.serviceName = serviceName(s.region, v.id);
        v.serviceType = type;
        v.acceptanceRequired = Boolean.TRUE.equals(r.acceptanceRequired());
        v.networkLoadBalancerArns.addAll(new LinkedHashSet<>(nlbs));
        v.gatewayLoadBalancerArns.addAll(new LinkedHashSet<>(gwlbs));
        v.supportedIpAddressTypes.addAll(ipTypes);
        v.supportedRegions.addAll(regions);
        v.clientToken = r.clientToken();
        if (r.privateDnsName() != null) {
            setPrivateDnsName(v, r.privateDnsName());
        }
        s.put(s.endpointServices, v);
        Tags.apply(r.tagSpecifications(), v);
        return CreateVpcEndpointServiceConfigurationResponse.builder().serviceConfiguration(toSdk(s, v))
                .clientToken(r.clientToken()).build();
    }

    private void setPrivateDnsName(VpcEndpointService v, String name) {
        v.privateDnsName = name;
        v.dnsTxtName = "_" + net.ctx.ids().hex(20);
        v.dnsTxtValue = "vpce:" + net.ctx.ids().hex(20);
        v.dnsVerificationStarted = null;
    }

    private static void checkDomain(String name) {
        if (!DOMAIN.matcher(name).matches()) {
            throw Ec2Errors.invalidParameterValue("The private DNS name '" + name + "' is not a valid domain name.");
        }
    }

    private static List<String> ipTypes(List<String> given) {
        for (String t : given) {
            if (!t.equals("ipv4") && !t.equals("ipv6")) {
                throw Ec2Errors.invalidValue(t, "SupportedIpAddressType", "Valid values: ipv4 | ipv6");
            }
        }
        return List.copyOf(new LinkedHashSet<>(given));
    }

    private List<String> regions(VpcStore s, List<String> given) {
        Set<String> out = new LinkedHashSet<>();
        out.add(s.region);
        for (String region : given) {
            if (!net.ctx.topology().isValidRegion(region)) {
                throw Ec2Errors.invalidValue(region, "SupportedRegion", "The region is not valid.");
            }
            out.add(region);
        }
        return List.copyOf(out);
    }

    public DescribeVpcEndpointServiceConfigurationsResponse describeVpcEndpointServiceConfigurations(
            DescribeVpcEndpointServiceConfigurationsRequest r) {
        VpcStore s = net.store();
        List<VpcEndpointService> found = new ArrayList<>();
        if (r.hasServiceIds() && !r.serviceIds().isEmpty()) {
            for (String id : r.serviceIds()) {
                found.add(require(s, id));
            }
        } else {
            found.addAll(s.endpointServices.values());
        }
        var predicate = withTags(s).predicate(r.filters());
        Ec2Errors.checkDryRun(r.dryRun());
        var page = Pagination.page(found.stream().filter(predicate).toList(), r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeVpcEndpointServiceConfigurationsResponse.builder()
                .serviceConfigurations(page.items().stream().map(v -> toSdk(s, v)).toList())
                .nextToken(page.nextToken()).build();
    }

    private Filters<VpcEndpointService> withTags(VpcStore s) {
        Filters<VpcEndpointService> f = new Filters<VpcEndpointService>(s::tagsOf)
                .on("service-name", v -> v.serviceName)
                .on("service-id", v -> v.id)
                .on("service-state", this::state)
                .on("supported-ip-address-types", v -> v.supportedIpAddressTypes);
        return f;
    }

    public ModifyVpcEndpointServiceConfigurationResponse modifyVpcEndpointServiceConfiguration(
            ModifyVpcEndpointServiceConfigurationRequest r) {
        VpcStore s = net.store();
        VpcEndpointService v = require(s, r.serviceId());
        boolean remove = Boolean.TRUE.equals(r.removePrivateDnsName());
        if (remove && r.privateDnsName() != null) {
            throw Ec2Errors.combination("PrivateDnsName and RemovePrivateDnsName cannot be specified together.");
        }
        if (r.privateDnsName() != null) {
            if (v.serviceType.equals("GatewayLoadBalancer")) {
                throw Ec2Errors.combination("Private DNS names are not supported for Gateway Load Balancer "
                        + "endpoint services.");
            }
            checkDomain(r.privateDnsName());
        }
        List<String> nlbs = new ArrayList<>(v.networkLoadBalancerArns);
        List<String> gwlbs = new ArrayList<>(v.gatewayLoadBalancerArns);
        if (r.hasAddNetworkLoadBalancerArns() && !r.addNetworkLoadBalancerArns().isEmpty()
                || r.hasRemoveNetworkLoadBalancerArns() && !r.removeNetworkLoadBalancerArns().isEmpty()) {
            if (v.serviceType.equals("GatewayLoadBalancer")) {
                throw Ec2Errors.combination("A Gateway Load Balancer endpoint service cannot have Network Load "
                        + "Balancers.");
            }
        }
        if (r.hasAddGatewayLoadBalancerArns() && !r.addGatewayLoadBalancerArns().isEmpty()
                || r.hasRemoveGatewayLoadBalancerArns() && !r.removeGatewayLoadBalancerArns().isEmpty()) {
            if (v.serviceType.equals("Interface")) {
                throw Ec2Errors.combination("An interface endpoint service cannot have Gateway Load Balancers.");
            }
        }
        net.loadBalancers.check(s, r.addNetworkLoadBalancerArns(), "network");
        net.loadBalancers.check(s, r.addGatewayLoadBalancerArns(), "gateway");
        addRemove(nlbs, r.addNetworkLoadBalancerArns(), r.removeNetworkLoadBalancerArns());
        addRemove(gwlbs, r.addGatewayLoadBalancerArns(), r.removeGatewayLoadBalancerArns());
        if (nlbs.isEmpty() && gwlbs.isEmpty()) {
            throw Ec2Error.INVALID_PARAMETER.withMessage("An endpoint service must have at least one load balancer.");
        }
        List<String> ipTypes = new ArrayList<>(v.supportedIpAddressTypes);
        addRemove(ipTypes, ipTypes(r.addSupportedIpAddressTypes()), r.removeSupportedIpAddressTypes());
        if (ipTypes.isEmpty()) {
            throw Ec2Error.INVALID_PARAMETER.withMessage("An endpoint service must support at least one IP "
                    + "address type.");
        }
        List<String> regions = new ArrayList<>(v.supportedRegions);
        addRemove(regions, regions(s, r.addSupportedRegions()).stream().filter(x -> !x.equals(s.region)).toList(),
                r.removeSupportedRegions());
        if (r.removeSupportedRegions().contains(s.region)) {
            throw Ec2Errors.invalidParameterValue("The Region of the service (" + s.region + ") cannot be removed.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        v.networkLoadBalancerArns.clear();
        v.networkLoadBalancerArns.addAll(nlbs);
        v.gatewayLoadBalancerArns.clear();
        v.gatewayLoadBalancerArns.addAll(gwlbs);
        v.supportedIpAddressTypes.clear();
        v.supportedIpAddressTypes.addAll(ipTypes);
        v.supportedRegions.clear();
        v.supportedRegions.addAll(regions);
        if (r.acceptanceRequired() != null) {
            v.acceptanceRequired = r.acceptanceRequired();
        }
        if (remove) {
            v.privateDnsName = null;
            v.dnsTxtName = null;
            v.dnsTxtValue = null;
            v.dnsVerificationStarted = null;
        } else if (r.privateDnsName() != null && !r.privateDnsName().equals(v.privateDnsName)) {
            setPrivateDnsName(v, r.privateDnsName());
        }
        return ModifyVpcEndpointServiceConfigurationResponse.builder().returnValue(true).build();
    }

    private static void addRemove(List<String> list, List<String> add, List<String> remove) {
        for (String a : add) {
            if (!list.contains(a)) {
                list.add(a);
            }
        }
        list.removeAll(remove);
    }

    /**
     * Refused item by item while the service has connections pending acceptance or available (AWS asks the
     * owner to reject them first); the service's own connection notifications go with it.
     */
    public DeleteVpcEndpointServiceConfigurationsResponse deleteVpcEndpointServiceConfigurations(
            DeleteVpcEndpointServiceConfigurationsRequest r) {
        VpcStore s = net.store();
        if (!r.hasServiceIds() || r.serviceIds().isEmpty()) {
            throw Ec2Errors.missing("ServiceId");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        List<UnsuccessfulItem> failed = new ArrayList<>();
        for (String id : r.serviceIds()) {
            VpcEndpointService v = s.endpointServices.get(id);
            if (v == null) {
                failed.add(item(id, "InvalidVpcEndpointServiceId.NotFound",
                        "The Vpc Endpoint Service Id '" + id + "' does not exist"));
                continue;
            }
            if (v.connections.stream().anyMatch(c -> !c.state.equals("rejected"))) {
                failed.add(item(id, "ExistingVpcEndpointConnections",
                        "Service has existing active VPC Endpoint connections!"));
                continue;
            }
            s.connectionNotifications.values().removeIf(n -> id.equals(n.serviceId));
            s.remove(s.endpointServices, id);
        }
        return DeleteVpcEndpointServiceConfigurationsResponse.builder().unsuccessful(failed).build();
    }

    static UnsuccessfulItem item(String id, String code, String message) {
        return UnsuccessfulItem.builder().resourceId(id)
                .error(UnsuccessfulItemError.builder().code(code).message(message).build()).build();
    }

    public DescribeVpcEndpointServicePermissionsResponse describeVpcEndpointServicePermissions(
            DescribeVpcEndpointServicePermissionsRequest r) {
        VpcStore s = net.store();
        VpcEndpointService v = require(s, r.serviceId());
        var predicate = permissionFilters.predicate(r.filters());
        Ec2Errors.checkDryRun(r.dryRun());
        List<Permission> all = v.permissions.stream().filter(predicate).toList();
        var page = Pagination.page(all, r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeVpcEndpointServicePermissionsResponse.builder()
                .allowedPrincipals(page.items().stream().map(p -> AllowedPrincipal.builder()
                        .principal(p.principal).principalType(p.principalType)
                        .servicePermissionId(p.id).serviceId(v.id).build()).toList())
                .nextToken(page.nextToken()).build();
    }

    public ModifyVpcEndpointServicePermissionsResponse modifyVpcEndpointServicePermissions(
            ModifyVpcEndpointServicePermissionsRequest r) {
        VpcStore s = net.store();
        VpcEndpointService v = require(s, r.serviceId());
        List<String> add = r.hasAddAllowedPrincipals() ? r.addAllowedPrincipals() : List.of();
        List<String> remove = r.hasRemoveAllowedPrincipals() ? r.removeAllowedPrincipals() : List.of();
        for (String p : add) {
            principalType(p);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        List<AddedPrincipal> added = new ArrayList<>();
        for (String p : add) {
            Permission existing = v.permissions.stream().filter(x -> x.principal.equals(p)).findFirst().orElse(null);
            if (existing == null) {
                existing = new Permission(net.id("vpce-svc-perm"), p, principalType(p));
                v.permissions.add(existing);
            }
            added.add(AddedPrincipal.builder().principal(existing.principal).principalType(existing.principalType)
                    .servicePermissionId(existing.id).serviceId(v.id).build());
        }
        v.permissions.removeIf(x -> remove.contains(x.principal));
        return ModifyVpcEndpointServicePermissionsResponse.builder().addedPrincipals(added).returnValue(true).build();
    }

    /** {@code *}, an account's root, a user or a role ARN (the principals the API reference lists for us). */
    private static String principalType(String principal) {
        if (principal.equals("*")) {
            return "All";
        }
        var m = PRINCIPAL.matcher(principal);
        if (!m.matches()) {
            throw Ec2Errors.invalidParameterValue("Invalid principal " + principal);
        }
        return m.group(2).equals("root") ? "Account" : m.group(2).startsWith("user/") ? "User" : "Role";
    }

    /** The only payer AWS lets an owner choose is itself ({@code ServiceOwner}). */
    public ModifyVpcEndpointServicePayerResponsibilityResponse modifyVpcEndpointServicePayerResponsibility(
            ModifyVpcEndpointServicePayerResponsibilityRequest r) {
        VpcStore s = net.store();
        VpcEndpointService v = require(s, r.serviceId());
        if (r.payerResponsibility() == null) {
            throw Ec2Errors.missing("PayerResponsibility");
        }
        if (!"ServiceOwner".equals(r.payerResponsibilityAsString())) {
            throw Ec2Errors.invalidValue(r.payerResponsibilityAsString(), "PayerResponsibility",
                    "Valid values: ServiceOwner");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        v.payerResponsibility = "ServiceOwner";
        return ModifyVpcEndpointServicePayerResponsibilityResponse.builder().returnValue(true).build();
    }

    /**
     * Starts checking the TXT record of the private DNS name: {@code pendingVerification} for a while, then
     * {@code failed}, since no DNS Gureum serves (it serves none) can hold the record.
     */
    public StartVpcEndpointServicePrivateDnsVerificationResponse startVpcEndpointServicePrivateDnsVerification(
            StartVpcEndpointServicePrivateDnsVerificationRequest r) {
        VpcStore s = net.store();
        VpcEndpointService v = require(s, r.serviceId());
        if (v.privateDnsName == null) {
            throw Ec2Error.INVALID_PARAMETER.withMessage("The service " + v.id + " has no private DNS name to verify.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        v.dnsVerificationStarted = net.now();
        return StartVpcEndpointServicePrivateDnsVerificationResponse.builder().returnValue(true).build();
    }

    List<String> zones(VpcStore s, VpcEndpointService v) {
        List<String> fromLbs = net.loadBalancers.zones(s, v.serviceType.equals("Interface")
                ? v.networkLoadBalancerArns : v.gatewayLoadBalancerArns);
        return fromLbs != null ? fromLbs : net.zones(s.region).stream().map(z -> z.zoneName()).toList();
    }

    String baseDnsName(VpcEndpointService v, String region) {
        return v.id + "." + region + ".vpce.amazonaws.com";
    }

    ServiceConfiguration toSdk(VpcStore s, VpcEndpointService v) {
        ServiceConfiguration.Builder b = ServiceConfiguration.builder()
                .serviceType(ServiceTypeDetail.builder().serviceType(v.serviceType).build())
                .serviceId(v.id).serviceName(v.serviceName).serviceState(state(v))
                .availabilityZones(zones(s, v)).acceptanceRequired(v.acceptanceRequired).managesVpcEndpoints(false)
                .networkLoadBalancerArns(v.networkLoadBalancerArns).gatewayLoadBalancerArns(v.gatewayLoadBalancerArns)
                .supportedIpAddressTypesWithStrings(v.supportedIpAddressTypes)
                .baseEndpointDnsNames(baseDnsName(v, s.region)).privateDnsName(v.privateDnsName)
                .payerResponsibility(v.payerResponsibility).tags(Tags.toSdk(s.tagsOf(v)))
                .supportedRegions(v.supportedRegions.stream().map(x -> SupportedRegionDetail.builder().region(x)
                        .serviceState("Available").build()).toList())
                .remoteAccessEnabled(false);
        if (v.privateDnsName != null) {
            b.privateDnsNameConfiguration(PrivateDnsNameConfiguration.builder().state(dnsState(v)).type("TXT")
                    .name(v.dnsTxtName).value(v.dnsTxtValue).build());
        }
        return b.build();
    }

    /** The service as DescribeVpcEndpointServices lists it to a consumer. */
    ServiceDetail detail(VpcStore owner, VpcEndpointService v, boolean ownerAsks) {
        ServiceDetail.Builder b = ServiceDetail.builder().serviceName(v.serviceName).serviceId(v.id)
                .serviceType(ServiceTypeDetail.builder().serviceType(v.serviceType).build())
                .serviceRegion(owner.region)
                .availabilityZones(zones(owner, v)).owner(v.ownerId)
                .baseEndpointDnsNames(baseDnsName(v, owner.region))
                .vpcEndpointPolicySupported(false)
                .acceptanceRequired(v.acceptanceRequired).managesVpcEndpoints(false)
                .payerResponsibility(v.payerResponsibility)
                .supportedIpAddressTypesWithStrings(v.supportedIpAddressTypes)
                .tags(ownerAsks ? Tags.toSdk(owner.tagsOf(v)) : List.of());
        if (v.privateDnsName != null) {
            b.privateDnsName(v.privateDnsName)
                    .privateDnsNames(PrivateDnsDetails.builder().privateDnsName(v.privateDnsName).build())
                    .privateDnsNameVerificationState(dnsState(v));
        }
        return b.build();
    }
}
