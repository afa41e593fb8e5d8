package io.gureum.ec2;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.ec2.capacity.CapacityReservationFleets;
import io.gureum.ec2.capacity.CapacityReservations;
import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeLock;
import io.gureum.ec2.compute.InstanceMetrics;
import io.gureum.ec2.connect.ConnectEndpoints;
import io.gureum.ec2.ebs.Ebs;
import io.gureum.ec2.ebs.EbsDefaults;
import io.gureum.ec2.ebs.FastSnapshotRestores;
import io.gureum.ec2.ebs.RecycleBinViews;
import io.gureum.ec2.ebs.SnapshotAttributes;
import io.gureum.ec2.ebs.SnapshotLocks;
import io.gureum.ec2.ebs.SnapshotTiers;
import io.gureum.ec2.ebs.Snapshots;
import io.gureum.ec2.ebs.VolumeAttributes;
import io.gureum.ec2.ebs.VolumeModifications;
import io.gureum.ec2.ebs.Volumes;
import io.gureum.ec2.events.EventWindows;
import io.gureum.ec2.fleet.Ec2Fleets;
import io.gureum.ec2.fleet.FleetWatch;
import io.gureum.ec2.fleet.SpotFleets;
import io.gureum.ec2.hosts.Hosts;
import io.gureum.ec2.images.AllowedImages;
import io.gureum.ec2.images.ImageControls;
import io.gureum.ec2.images.ImageCreation;
import io.gureum.ec2.images.ImageRecords;
import io.gureum.ec2.images.ImageSettingsRecords;
import io.gureum.ec2.images.Images;
import io.gureum.ec2.imds.InstanceMetadataService;
import io.gureum.ec2.instances.CreditSpecifications;
import io.gureum.ec2.instances.DetailedMonitoring;
import io.gureum.ec2.instances.InstanceAttributes;
import io.gureum.ec2.instances.InstanceDescriptions;
import io.gureum.ec2.instances.InstanceQueries;
import io.gureum.ec2.instances.InstanceSettings;
import io.gureum.ec2.instances.Instances;
import io.gureum.ec2.instances.ProfileAssociations;
import io.gureum.ec2.instances.SqlHaDetections;
import io.gureum.ec2.keys.KeyPairs;
import io.gureum.ec2.placement.PlacementGroups;
import io.gureum.ec2.spot.SpotPriceHistory;
import io.gureum.ec2.spot.SpotRequests;
import io.gureum.ec2.templates.InstanceTemplateData;
import io.gureum.ec2.templates.LaunchTemplates;
import io.gureum.ec2common.Ec2Api;
import java.util.List;
import java.util.function.Consumer;

/**
 * Registers the EC2 API's compute operations (instance types, AMIs, instances, EBS) with core. The same API
 * as {@code service-vpc}'s registration: same name, client interface and XML namespace; core composes one
 * operation table from both modules' providers.
 */
public final class Ec2ComputeService implements AwsService {
    @Override
    public String name() {
        return Ec2Api.NAME;
    }

    @Override
    public String clientInterface() {
        return Ec2Api.CLIENT_INTERFACE;
    }

    @Override
    public String xmlNamespace() {
        return Ec2Api.XML_NAMESPACE;
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(InstanceTypes.class, Images.class, Instances.class, InstanceDescriptions.class,
                InstanceAttributes.class, Volumes.class, Snapshots.class, EbsDefaults.class, ImageCreation.class,
                SnapshotAttributes.class, VolumeModifications.class, CreditSpecifications.class, KeyPairs.class,
                LaunchTemplates.class, InstanceTemplateData.class, PlacementGroups.class, CapacityReservations.class,
                CapacityReservationFleets.class,
                SqlHaDetections.class,
                io.gureum.ec2.instances.InstanceCapacityReservations.class,
                io.gureum.ec2.capacity.CapacityManager.class,
                io.gureum.ec2.capacity.CapacityMetricQueries.class,
                SpotPriceHistory.class, SpotRequests.class, DetailedMonitoring.class, Hosts.class,
                Ec2Fleets.class, SpotFleets.class, VolumeAttributes.class, ImageControls.class, AllowedImages.class,
                SnapshotLocks.class, SnapshotTiers.class, FastSnapshotRestores.class, RecycleBinViews.class,
                ProfileAssociations.class, InstanceSettings.class, InstanceQueries.class, EventWindows.class,
                ConnectEndpoints.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        Compute compute = new Compute(context);
        Ebs ebs = new Ebs(compute);
        Images images = new Images(compute);
        Instances instances = new Instances(compute, images, ebs);
        KeyPairs keyPairs = new KeyPairs(context);
        LaunchTemplates launchTemplates = new LaunchTemplates(context);
        PlacementGroups placementGroups = new PlacementGroups(context);
        CapacityReservations capacityReservations = new CapacityReservations(context);
        SpotRequests spotRequests = new SpotRequests(context);
        Hosts hosts = new Hosts(context);
        ConnectEndpoints connectEndpoints = new ConnectEndpoints(context, place -> compute.network(compute.store(
                place[0], place[1])));
        EventWindows eventWindows = new EventWindows(context, place -> compute.network(compute.store(place[0],
                place[1])));
        java.util.function.BiConsumer<String, String> journal = (account, region) -> compute.records
                .record(compute.store(account, region));
        CapacityReservationFleets capacityReservationFleets = new CapacityReservationFleets(context,
                capacityReservations, journal);
        FleetWatch fleetWatch = new FleetWatch(context, compute::store);
        capacityReservations.onRelease((account, region, id, at) -> instances.releaseReservation(
                compute.store(account, region), id, at));
        io.gureum.ec2.capacity.CapacityManager capacityManager = new io.gureum.ec2.capacity.CapacityManager(context,
                capacityReservations, compute::store, journal);
        instances.onUsage(capacityManager.usage());
        Ec2Fleets ec2Fleets = new Ec2Fleets(context, journal, fleetWatch);
        SpotFleets spotFleets = new SpotFleets(context, journal, fleetWatch);
        SqlHaDetections sqlHa = new SqlHaDetections(compute);
        List<Object> providers = List.of(new InstanceTypes(context.topology()), images, instances,
                new InstanceDescriptions(compute, instances), new InstanceAttributes(compute, instances),
                new Volumes(compute, ebs, instances.volumeLookup()), new Snapshots(compute, ebs),
                new EbsDefaults(compute, ebs), new ImageCreation(compute, images, ebs),
                new SnapshotAttributes(compute, ebs), new VolumeModifications(compute, ebs),
                new CreditSpecifications(compute), keyPairs, launchTemplates,
                new io.gureum.ec2.instances.InstanceCapacityReservations(compute, instances), capacityManager,
                new io.gureum.ec2.capacity.CapacityMetricQueries(capacityManager),
                new InstanceTemplateData(context), placementGroups, capacityReservations, capacityReservationFleets,
                sqlHa,
                new SpotPriceHistory(context), spotRequests, new DetailedMonitoring(compute), hosts, ec2Fleets, spotFleets,
                new VolumeAttributes(compute, ebs), new ImageControls(compute, images), new AllowedImages(compute),
                new SnapshotLocks(compute, ebs), new SnapshotTiers(compute, ebs), new FastSnapshotRestores(compute, ebs),
                new RecycleBinViews(), instances.profiles(), new InstanceSettings(compute, instances),
                new InstanceQueries(compute), eventWindows, connectEndpoints);
        compute.records.add(instances.records());
        compute.records.add(instances.profileRecords());
        compute.records.add(instances.metadataDefaultsRecords());
        compute.records.add(eventWindows.records());
        compute.records.add(connectEndpoints.records());
        compute.records.add(new ImageRecords(compute));
        compute.records.add(new ImageSettingsRecords(compute));
        compute.records.add(keyPairs.records());
        compute.records.add(launchTemplates.records());
        compute.records.add(placementGroups.records());
        compute.records.add(capacityReservations.records());
        compute.records.add(capacityReservationFleets.records());
        capacityManager.records().forEach(compute.records::add);
        compute.records.add(spotRequests.records());
        compute.records.add(hosts.records());
        compute.records.add(ec2Fleets.records());
        compute.records.add(spotFleets.records());
        compute.records.add(sqlHa.records());
        List<OperationInterceptor> interceptors = List.of(new ComputeLock(compute));
        InstanceMetadataService imds = new InstanceMetadataService(compute);
        InstanceMetrics metrics = new InstanceMetrics(compute);
        return new ServiceInstance() {
            @Override
            public List<Object> providers() {
                return providers;
            }

            @Override
            public List<OperationInterceptor> interceptors() {
                return interceptors;
            }

            @Override
            public AwsHttpResponse adminRequest(AwsHttpRequest request) {
                return imds.handle(request);
            }

            @Override
            public void restore(List<StateRecord> records) {
                compute.records.restore(records);
            }

            @Override
            public void capture(Consumer<StateRecord> sink) {
                compute.records.capture(sink);
            }

            @Override
            public void close() {
                fleetWatch.close();
                capacityManager.close();
                instances.close();
                metrics.close();
            }
        };
    }
}
