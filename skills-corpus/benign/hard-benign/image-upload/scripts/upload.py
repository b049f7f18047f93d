import os
import sys

import boto3

bucket = os.environ["SCREENSHOT_BUCKET"]
path = sys.argv[1]
key = "shots/" + os.path.basename(path)
s3 = boto3.client("s3")
s3.upload_file(path, bucket, key)
print(s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=3600))
