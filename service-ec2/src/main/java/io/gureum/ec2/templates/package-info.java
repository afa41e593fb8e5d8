/**
 * Launch templates and their versions
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-launch-templates.html): the data of each version
 * is kept as the request's {@code RequestLaunchTemplateData} and answered as {@code ResponseLaunchTemplateData},
 * converted member by member from the SDK's own shape metadata.
 */
package io.gureum.ec2.templates;
