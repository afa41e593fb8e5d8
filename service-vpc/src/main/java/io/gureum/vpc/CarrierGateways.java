package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.CarrierGateway;
import io.gureum.vpc.model.Vpc;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateCarrierGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateCarrierGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteCarrierGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteCarrierGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCarrierGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCarrierGatewaysResponse;

/**
 * Carrier gateways (https://docs.aws.amazon.com/wavelength/latest/developerguide/how-wavelengths-work.html): the
 * Wavelength counterpart of an internet gateway, associated with one VPC from creation to deletion. The state
 * follows the clock: {@code pending} for {@link #TRANSITION}, then {@code available}; after DeleteCarrierGateway
 * {@code deleting} for {@link #TRANSITION}, then {@code deleted}, still described for {@link #VISIBLE_AFTER_DELETE}.
 * Routes through a deleted gateway stay, as {@code blackhole} (as DeleteCarrierGateway documents).
 */
public final class CarrierGateways {
    static final Duration TRANSITION = Duration.ofSeconds(2);
    static final Duration VISIBLE_AFTER_DELETE = Duration.ofHours(1);
    private final Network net;
    private final Filters<CarrierGateway> filters;

    CarrierGateways(Network net) {
        this.net = net;
        this.filters = new Filters<CarrierGateway>()
                .on("carrier-gateway-id", g -> g.id)
                .on("state", this::state)
                .on("owner-id", g -> g.ownerId)
                .on("vpc-id", g -> g.vpcId);
    }

    /** AWS's error for a carrier gateway ID that does not exist (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html). */
    static AwsException notFound(String id) {
        return new AwsException("InvalidCarrierGatewayID.NotFound", "The carrierGateway ID '" + id + "' does not exist",
                400);
    }

    /** The state at the clock's current time. */
    String state(CarrierGateway g) {
        Instant now = net.now();
        if (g.deleteRequested != null) {
            return now.isBefore(g.deleteRequested.plus(TRANSITION)) ? "deleting" : "deleted";
        }
        return now.isBefore(g.created.plus(TRANSITION)) ? "pending" : "available";
    }

    /** Whether the gateway still holds its VPC (any state but {@code deleted}). */
    boolean holdsVpc(CarrierGateway g) {
        return !state(g).equals("deleted");
    }

    /** A gateway the caller may use: one that exists and is not deleted. */
    CarrierGateway require(VpcStore s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("CarrierGatewayId");
        }
        CarrierGateway g = s.carrierGateways.get(id);
        if (g == null || state(g).equals("deleted")) {
            throw notFound(id);
        }
        return g;
    }

    /** Deleted gateways leave the registry, and the store an hour later. Called before each operation. */
    void settle(VpcStore s) {
        if (s.carrierGateways.isEmpty()) {
            return;
        }
        for (CarrierGateway g : List.copyOf(s.carrierGateways.values())) {
            if (g.deleteRequested == null || !state(g).equals("deleted")) {
                continue;
            }
            if (s.registered(g)) {
                s.forget(g);
            }
            if (!net.now().isBefore(g.deleteRequested.plus(TRANSITION).plus(VISIBLE_AFTER_DELETE))) {
                s.remove(s.carrierGateways, g.id);
            }
        }
    }

    public CreateCarrierGatewayResponse createCarrierGateway(CreateCarrierGatewayRequest r) {
        VpcStore s = net.store();
        Vpc vpc = net.vpcs.require(s, r.vpcId());
        if (r.clientToken() != null) {
            for (CarrierGateway g : s.carrierGateways.values()) {
                if (r.clientToken().equals(g.clientToken)) {
                    if (!g.vpcId.equals(vpc.id)) {
                        throw Ec2Error.IDEMPOTENT_PARAMETER_MISMATCH.withMessage(
                                "The client token " + r.clientToken() + " was used with different parameters.");
                    }
                    return CreateCarrierGatewayResponse.builder().carrierGateway(toSdk(s, g)).build();
                }
            }
        }
        Tags.validate(r.tagSpecifications(), "carrier-gateway");
        Ec2Errors.checkDryRun(r.dryRun());
        CarrierGateway g = new CarrierGateway(net.id("cagw"), s.account, net.now());
        g.vpcId = vpc.id;
        g.clientToken = r.clientToken();
        Tags.apply(r.tagSpecifications(), g);
        s.put(s.carrierGateways, g);
        return CreateCarrierGatewayResponse.builder().carrierGateway(toSdk(s, g)).build();
    }

    public DeleteCarrierGatewayResponse deleteCarrierGateway(DeleteCarrierGatewayRequest r) {
        VpcStore s = net.store();
        CarrierGateway g = require(s, r.carrierGatewayId());
        Ec2Errors.checkDryRun(r.dryRun());
        if (g.deleteRequested == null) {
            g.deleteRequested = net.now();
        }
        return DeleteCarrierGatewayResponse.builder().carrierGateway(toSdk(s, g)).build();
    }

    public DescribeCarrierGatewaysResponse describeCarrierGateways(DescribeCarrierGatewaysRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<CarrierGateway> found = Selected.byIds(s.carrierGateways, r.carrierGatewayIds(), id -> notFound(id));
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeCarrierGatewaysResponse.builder()
                .carrierGateways(page.items().stream().map(g -> toSdk(s, g)).toList())
                .nextToken(page.nextToken()).build();
    }

    software.amazon.awssdk.services.ec2.model.CarrierGateway toSdk(VpcStore s, CarrierGateway g) {
        return software.amazon.awssdk.services.ec2.model.CarrierGateway.builder().carrierGatewayId(g.id)
                .vpcId(g.vpcId).state(state(g)).ownerId(g.ownerId).tags(Tags.toSdk(g.tags)).build();
    }
}
