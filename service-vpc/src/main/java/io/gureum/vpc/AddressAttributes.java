package io.gureum.vpc;

import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.AddressAttribute;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ModifyAddressAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyAddressAttributeResponse;
import software.amazon.awssdk.services.ec2.model.PtrUpdateStatus;
import software.amazon.awssdk.services.ec2.model.ResetAddressAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ResetAddressAttributeResponse;

/**
 * The reverse DNS record (PTR, attribute {@code domain-name}) of Elastic IP addresses
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html#Using_Elastic_Addressing_Reverse_DNS).
 * ModifyAddressAttribute and ResetAddressAttribute answer with a {@code PtrRecordUpdate} whose status is
 * {@code PENDING}; the update is applied {@link #UPDATE_TIME} later on the clock, after which the address shows
 * the new record and no update. DescribeAddressesAttribute lists only addresses with a record of their own or an
 * update under way, so an address whose record was reset is no longer listed (what Terraform's
 * {@code aws_eip_domain_name} waits for). AWS checks that the domain's forward record (A) points at the address;
 * Gureum makes no DNS query, so that check is not made.
 */
public final class AddressAttributes {
    static final Duration UPDATE_TIME = Duration.ofSeconds(2);
    private static final String DOMAIN_NAME = "domain-name";
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}\\.?$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?");
    private final Network net;

    AddressAttributes(Network net) {
        this.net = net;
    }

    private boolean pending(Address a) {
        return a.ptrUpdateRequested != null && net.now().isBefore(a.ptrUpdateRequested.plus(UPDATE_TIME));
    }

    /** Applies an update whose time has come (reads and writes both see the same record). */
    private void settle(Address a) {
        if (a.ptrUpdateRequested != null && !pending(a)) {
            a.ptrRecord = a.ptrUpdateValue;
            a.ptrUpdateValue = null;
            a.ptrUpdateRequested = null;
        }
    }

    private static void checkAttribute(String attribute) {
        if (attribute != null && !attribute.equals(DOMAIN_NAME)) {
            throw Ec2Errors.invalidValue(attribute, "Attribute", "Valid values are: domain-name.");
        }
    }

    public DescribeAddressesAttributeResponse describeAddressesAttribute(DescribeAddressesAttributeRequest r) {
        VpcStore s = net.store();
        checkAttribute(r.attributeAsString());
        List<Address> found = new ArrayList<>();
        if (r.hasAllocationIds() && !r.allocationIds().isEmpty()) {
            for (String id : new LinkedHashSet<>(r.allocationIds())) {
                found.add(net.addresses.require(s, id));
            }
        } else {
            found.addAll(s.addresses.values());
        }
        Ec2Errors.checkDryRun(r.dryRun());
        found.forEach(this::settle);
        var page = Pagination.page(found.stream().filter(a -> a.ptrRecord != null || a.ptrUpdateRequested != null)
                .toList(), r.maxResults(), r.nextToken(), 1, 1000);
        return DescribeAddressesAttributeResponse.builder()
                .addresses(page.items().stream().map(this::toSdk).toList()).nextToken(page.nextToken()).build();
    }

    public ModifyAddressAttributeResponse modifyAddressAttribute(ModifyAddressAttributeRequest r) {
        VpcStore s = net.store();
        Address a = net.addresses.require(s, r.allocationId());
        if (r.domainName() == null) {
            throw Ec2Errors.missing("DomainName");
        }
        if (!DOMAIN.matcher(r.domainName()).matches()) {
            throw Ec2Errors.invalidValue(r.domainName(), "DomainName", "It is not a valid domain name.");
        }
        settle(a);
        Ec2Errors.checkDryRun(r.dryRun());
        a.ptrUpdateValue = r.domainName().endsWith(".") ? r.domainName() : r.domainName() + ".";
        a.ptrUpdateRequested = net.now();
        return ModifyAddressAttributeResponse.builder().address(toSdk(a)).build();
    }

    public ResetAddressAttributeResponse resetAddressAttribute(ResetAddressAttributeRequest r) {
        VpcStore s = net.store();
        Address a = net.addresses.require(s, r.allocationId());
        if (r.attributeAsString() == null) {
            throw Ec2Errors.missing("Attribute");
        }
        checkAttribute(r.attributeAsString());
        settle(a);
        Ec2Errors.checkDryRun(r.dryRun());
        if (a.ptrRecord != null || a.ptrUpdateRequested != null) {
            a.ptrUpdateValue = null;
            a.ptrUpdateRequested = net.now();
        }
        return ResetAddressAttributeResponse.builder().address(toSdk(a)).build();
    }

    private AddressAttribute toSdk(Address a) {
        var b = AddressAttribute.builder().allocationId(a.id).publicIp(a.publicIp).ptrRecord(a.ptrRecord);
        if (pending(a)) {
            b.ptrRecordUpdate(PtrUpdateStatus.builder().value(a.ptrUpdateValue).status("PENDING").build());
        }
        return b.build();
    }
}
