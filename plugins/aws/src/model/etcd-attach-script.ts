/**
 * The Python a control plane runs at boot to attach its etcd volume and print the device path (see
 * etcd-volume-attach.ts for how it is called). Python with boto3 because Ubuntu's apt has no `aws` CLI; boto3
 * takes the instance role's credentials from the metadata service (IMDSv2: one hop is enough for the host).
 *
 * Each run does one step and exits non-zero until the device is there; the bootstrap calls it every 5 seconds
 * for up to 10 minutes. A volume still attached to the instance this one replaces is waited for: EC2 detaches
 * it when that instance terminates. Free of single quotes: it is passed to `python3 -c` as one quoted word.
 *
 * Arguments: region, the device name to attach at, then the volume's tags as `key=value` (several values of one
 * key match any of them).
 */
export const ETCD_ATTACH_SCRIPT = String.raw`
import os, sys, urllib.request
import boto3

IMDS = "http://169.254.169.254/latest"


def metadata(path, token):
    request = urllib.request.Request(IMDS + "/meta-data/" + path, headers={"X-aws-ec2-metadata-token": token})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.read().decode()


def imds_token():
    request = urllib.request.Request(IMDS + "/api/token", method="PUT", headers={"X-aws-ec2-metadata-token-ttl-seconds": "300"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.read().decode()


def device_path(volume_id, device):
    # Nitro instances show EBS volumes as NVMe devices named after the volume; Xen ones under the name asked for.
    nvme = "/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_" + volume_id.replace("-", "")
    for path in (nvme, device):
        if os.path.exists(path):
            return path
    return None


def main():
    region, device = sys.argv[1:3]
    tags = {}
    for pair in sys.argv[3:]:
        key, _, value = pair.partition("=")
        tags.setdefault(key, []).append(value)
    token = imds_token()
    instance_id = metadata("instance-id", token)
    zone = metadata("placement/availability-zone", token)
    ec2 = boto3.client("ec2", region_name=region)
    filters = [{"Name": "tag:" + key, "Values": values} for key, values in tags.items()]
    volumes = ec2.describe_volumes(Filters=filters + [{"Name": "availability-zone", "Values": [zone]}])["Volumes"]
    if not volumes:
        sys.exit("kopsx: no etcd volume tagged %s in %s" % (" ".join(sys.argv[3:]), zone))
    volumes.sort(key=lambda v: v["VolumeId"])
    mine = [v for v in volumes if any(a.get("InstanceId") == instance_id for a in v.get("Attachments", []))]
    if mine:
        volume = mine[0]
    else:
        available = [v for v in volumes if v["State"] == "available"]
        if not available:
            holders = ", ".join(a.get("InstanceId", "?") for v in volumes for a in v.get("Attachments", []))
            sys.exit("kopsx: waiting for the etcd volume to be released by %s" % (holders or "its previous instance"))
        volume = available[0]
        ec2.attach_volume(VolumeId=volume["VolumeId"], InstanceId=instance_id, Device=device)
    path = device_path(volume["VolumeId"], device)
    if path is None:
        sys.exit("kopsx: waiting for %s to appear" % volume["VolumeId"])
    print(path)


try:
    main()
except Exception as error:
    # One line per try: the bootstrap tries again (e.g. credentials not served yet, another instance won a race).
    sys.exit("kopsx: attaching the etcd volume failed, will retry: %s" % error)
`;
