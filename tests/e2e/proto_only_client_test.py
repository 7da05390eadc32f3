#!/usr/bin/python3
"""End-to-end test: a client holding nothing but the project's .proto files.

Compiles proto/gongkai/v1, proto/google/rpc and the standard gRPC health and
reflection protos with protoc + grpc_python_plugin, starts gongkai-supervisor on
a free port and talks to it over plain gRPC (python3-grpcio, python3-protobuf).

  /usr/bin/python3 tests/e2e/proto_only_client_test.py \
      --supervisor build/gongkai-supervisor --proto-dir proto
"""
import argparse
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import grpc
from google.protobuf import descriptor_pb2

ARGS = None          # parsed command line
# Generated modules, imported in setUpClass once protoc has run.
pb = unit = rep = rep_grpc = admin = admin_grpc = rpc_status = rpc_details = None
health = health_grpc = refl = refl_grpc = None
GRPC_PROTO_DIR = "/usr/share/grpc-proto"
TIMEOUT = 10         # seconds per RPC


def find_standard_proto(rel):
    """Path of a proto shipped by Debian's grpc-proto package."""
    path = os.path.join(GRPC_PROTO_DIR, rel)
    if os.path.exists(path):
        return path
    listing = subprocess.run(["dpkg", "-L", "grpc-proto"], capture_output=True, text=True).stdout
    for line in listing.splitlines():
        if line.endswith(rel):
            return line
    raise FileNotFoundError(rel + " not found; is grpc-proto installed?")


def protoc(include_dir, protos, out_dir):
    cmd = ["protoc", "-I", include_dir, "-I", GRPC_PROTO_DIR,
           "--python_out=" + out_dir, "--grpc_out=" + out_dir,
           "--plugin=protoc-gen-grpc=/usr/bin/grpc_python_plugin"] + protos
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError("protoc failed: %s\n%s" % (" ".join(cmd), done.stderr))


def generate(proto_dir, out_dir):
    """Generates the Python modules and puts them on sys.path.

    gongkai/ and google/rpc/ become namespace packages (google is already one in
    Debian). The grpc.* protos are compiled from their own directory into top-level
    modules (health_pb2, reflection_pb2) because `grpc` is a regular package that
    cannot be extended."""
    os.makedirs(out_dir)
    ours = sorted(glob.glob(os.path.join(proto_dir, "gongkai/v1/*.proto")) +
                  glob.glob(os.path.join(proto_dir, "google/rpc/*.proto")))
    protoc(proto_dir, ours, out_dir)
    for rel in ("grpc/health/v1/health.proto", "grpc/reflection/v1alpha/reflection.proto"):
        path = find_standard_proto(rel)
        protoc(os.path.dirname(path), [path], out_dir)
    sys.path.insert(0, out_dir)


class ProtoOnlyClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="gongkai-e2e-")
        cls.addClassCleanup(shutil.rmtree, cls.tmp, ignore_errors=True)
        generate(os.path.abspath(ARGS.proto_dir), os.path.join(cls.tmp, "gen"))
        global pb, unit, rep, rep_grpc, admin, admin_grpc, rpc_status, rpc_details
        global health, health_grpc, refl, refl_grpc
        from gongkai.v1 import report_pb2 as pb, unit_pb2 as unit
        from gongkai.v1 import reporting_pb2 as rep, reporting_pb2_grpc as rep_grpc
        from gongkai.v1 import admin_pb2 as admin, admin_pb2_grpc as admin_grpc
        from google.rpc import status_pb2 as rpc_status, error_details_pb2 as rpc_details
        import health_pb2 as health, health_pb2_grpc as health_grpc
        import reflection_pb2 as refl, reflection_pb2_grpc as refl_grpc

        port_file = os.path.join(cls.tmp, "port")
        cls.stderr_path = os.path.join(cls.tmp, "supervisor.stderr")
        cmd = [ARGS.supervisor, "--listen=127.0.0.1:0",
               "--data_dir=" + os.path.join(cls.tmp, "data"), "--port_file=" + port_file]
        with open(cls.stderr_path, "wb") as err, open(os.path.join(cls.tmp, "out"), "wb") as out:
            cls.proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        cls.addClassCleanup(cls._kill)
        port, deadline = None, time.monotonic() + 20
        while port is None:
            if cls.proc.poll() is not None:
                raise RuntimeError("supervisor exited with %s:\n%s" % (cls.proc.returncode, cls._stderr()))
            if time.monotonic() > deadline:
                raise RuntimeError("no port file after 20 s:\n" + cls._stderr())
            try:
                with open(port_file) as f:
                    port = int(f.read().strip())
            except (OSError, ValueError):
                time.sleep(0.05)
        cls.channel = grpc.insecure_channel("127.0.0.1:%d" % port)
        cls.addClassCleanup(cls.channel.close)
        grpc.channel_ready_future(cls.channel).result(timeout=TIMEOUT)
        # With no config the supervisor mints demo tokens at its first start
        # and prints them once; an outside client takes the admin one.
        token = ARGS.token or cls._printed_token("admin (demo-admin): ")
        cls.md = [("authorization", "Bearer " + token)]
        cls.admin = admin_grpc.AdminServiceStub(cls.channel)
        cls.reporting = rep_grpc.ReportingServiceStub(cls.channel)

    @classmethod
    def _printed_token(cls, label):
        for line in cls._stderr().splitlines():
            if label in line:
                return line.split(label, 1)[1].strip()
        raise AssertionError("the first start printed no %r token:\n%s" % (label, cls._stderr()))

    @classmethod
    def _stderr(cls):
        with open(cls.stderr_path, errors="replace") as f:
            return f.read()[-4000:]

    @classmethod
    def _kill(cls):
        if cls.proc.poll() is None:
            cls.proc.kill()
            cls.proc.wait()

    @classmethod
    def tearDownClass(cls):
        cls.channel.close()
        cls.proc.send_signal(signal.SIGTERM)
        try:
            code = cls.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            raise AssertionError("supervisor did not stop within 10 s of SIGTERM")
        if code != 0:
            raise AssertionError("supervisor exited with %d:\n%s" % (code, cls._stderr()))

    # ---- helpers ----
    def submit(self, report, key):
        req = rep.SubmitReportRequest(report=report, idempotency_key=key)
        return self.reporting.SubmitReport(req, timeout=TIMEOUT, metadata=self.md)

    def get(self, period, version=0):
        req = rep.GetReportRequest(unit_id="luxi-county", period=period, version=version)
        return self.reporting.GetReport(req, timeout=TIMEOUT, metadata=self.md)

    def refusal(self, call, code=grpc.StatusCode.INVALID_ARGUMENT):
        """Runs call(), expects `code`; returns (status message, violated field paths)."""
        with self.assertRaises(grpc.RpcError) as cm:
            call()
        err = cm.exception
        self.assertEqual(err.code(), code, err.details())
        blobs = [v for k, v in err.trailing_metadata() or () if k == "grpc-status-details-bin"]
        self.assertEqual(len(blobs), 1, "no grpc-status-details-bin trailer")
        status = rpc_status.Status.FromString(blobs[0])
        self.assertEqual(status.code, code.value[0])
        fields = []
        for any_ in status.details:
            if any_.type_url.endswith("google.rpc.BadRequest"):
                bad = rpc_details.BadRequest()
                self.assertTrue(any_.Unpack(bad))
                fields += [v.field for v in bad.field_violations]
        self.assertTrue(fields, "no google.rpc.BadRequest detail in %s" % status)
        return err.details(), fields

    def assertViolation(self, fields, path):
        self.assertTrue(any(f.endswith(path) for f in fields), "%s not in %s" % (path, fields))

    @staticmethod
    def not_late(warnings):
        # Periods of 2025 are past their deadline by now; LATE is legitimate.
        return [w for w in warnings if w.code != "LATE"]

    def march_report(self, work_updates=100):
        return pb.MonthlyReport(
            unit_id="luxi-county", period="2025-03",
            proactive=pb.ProactiveDisclosure(
                items_total=work_updates + 20,
                categories=pb.DisclosureCategories(work_updates=work_updates, regulations=20)),
            applications=pb.Applications(
                new_total=3, by_applicant=pb.ApplicantSplit(natural_person=3),
                received=pb.ApplicationChannels(online=3),
                results=pb.ApplicationResults(granted=3, total=3), replied_on_time=3),
            interaction=pb.Interaction(mailbox_received=10, mailbox_replied=9))

    def small_report(self, period):
        return pb.MonthlyReport(unit_id="luxi-county", period=period, applications=pb.Applications(
            new_total=2, by_applicant=pb.ApplicantSplit(natural_person=2),
            received=pb.ApplicationChannels(online=2),
            results=pb.ApplicationResults(granted=2, total=2), replied_on_time=2))

    # ---- tests, run in name order ----
    def test_01_reflection(self):
        stub = refl_grpc.ServerReflectionStub(self.channel)
        reqs = [refl.ServerReflectionRequest(list_services=""),
                refl.ServerReflectionRequest(file_containing_symbol="gongkai.v1.MonthlyReport")]
        listed, found = list(stub.ServerReflectionInfo(iter(reqs), timeout=TIMEOUT, metadata=self.md))
        names = {s.name for s in listed.list_services_response.service}
        for svc in ("gongkai.v1.ReportingService", "gongkai.v1.AdminService",
                    "gongkai.v1.SupervisionService", "grpc.health.v1.Health"):
            self.assertIn(svc, names)
        blobs = found.file_descriptor_response.file_descriptor_proto
        self.assertTrue(blobs, found)
        files = [descriptor_pb2.FileDescriptorProto.FromString(b) for b in blobs]
        self.assertTrue(any("MonthlyReport" in [m.name for m in f.message_type] for f in files))

    def test_01b_describe_health(self):
        # Listed by reflection, so a generic client must be able to describe it
        # (it used to answer "Symbol not found"), without a token.
        stub = refl_grpc.ServerReflectionStub(self.channel)
        req = refl.ServerReflectionRequest(file_containing_symbol="grpc.health.v1.Health")
        (answer,) = list(stub.ServerReflectionInfo(iter([req]), timeout=TIMEOUT))
        self.assertFalse(answer.HasField("error_response"), answer.error_response)
        files = [descriptor_pb2.FileDescriptorProto.FromString(b)
                 for b in answer.file_descriptor_response.file_descriptor_proto]
        health_file = [f for f in files if f.package == "grpc.health.v1"]
        self.assertEqual(len(health_file), 1, [f.name for f in files])
        (service,) = health_file[0].service
        self.assertEqual(service.name, "Health")
        self.assertEqual({m.name for m in service.method}, {"Check", "Watch"})

    def test_02_health(self):
        stub = health_grpc.HealthStub(self.channel)
        resp = stub.Check(health.HealthCheckRequest(service=""), timeout=TIMEOUT, metadata=self.md)
        self.assertEqual(resp.status, health.HealthCheckResponse.SERVING)

    def test_03_units(self):
        city = unit.Unit(unit_id="pingxiang-city", name="萍乡市人民政府办公室", tier=unit.MUNICIPAL)
        luxi = unit.Unit(unit_id="luxi-county", name="芦溪县", tier=unit.COUNTY, parent_id="pingxiang-city")
        for u in (city, luxi):
            got = self.admin.RegisterUnit(admin.RegisterUnitRequest(unit=u), timeout=TIMEOUT, metadata=self.md)
            self.assertEqual(got, u)
        listed = self.admin.ListUnits(admin.ListUnitsRequest(), timeout=TIMEOUT, metadata=self.md).units
        by_id = {x.unit_id: x for x in listed}
        self.assertEqual(by_id["pingxiang-city"].name, "萍乡市人民政府办公室")
        self.assertEqual(by_id["luxi-county"], luxi)
        with self.assertRaises(grpc.RpcError) as cm:
            self.admin.RegisterUnit(admin.RegisterUnitRequest(unit=luxi), timeout=TIMEOUT, metadata=self.md)
        self.assertEqual(cm.exception.code(), grpc.StatusCode.ALREADY_EXISTS)

    def test_04_submit_versions_and_retry(self):
        first = self.march_report()
        resp = self.submit(first, "py-1")
        self.assertEqual((resp.unit_id, resp.period, resp.version), ("luxi-county", "2025-03", 1))
        self.assertEqual(self.not_late(resp.warnings), [])
        sub = self.get("2025-03")
        self.assertEqual(sub.version, 1)
        self.assertEqual(sub.report, first)
        self.assertTrue(sub.submitter)
        self.assertTrue(sub.HasField("submitted_at"))
        self.assertEqual(self.submit(first, "py-1"), resp)       # a retry: same answer
        subs = self.reporting.ListSubmissions(rep.ListSubmissionsRequest(unit_id="luxi-county"),
                                              timeout=TIMEOUT, metadata=self.md).submissions
        self.assertEqual(len(subs), 1)
        second = self.march_report(work_updates=110)
        self.assertEqual(self.submit(second, "py-2").version, 2)
        self.assertEqual(self.get("2025-03").report, second)
        old = self.get("2025-03", version=1)
        self.assertEqual((old.version, old.report), (1, first))

    def test_05_refused_submission(self):
        bad = pb.MonthlyReport(   # Panjin 2008: 1232 received, 1227 handled, none carried forward
            unit_id="luxi-county", period="2025-04",
            proactive=pb.ProactiveDisclosure(items_total=-1),
            applications=pb.Applications(new_total=1232, carried_forward=0, replied_on_time=1227,
                                         results=pb.ApplicationResults(granted=1227, total=1227)))
        message, fields = self.refusal(lambda: self.submit(bad, "py-bad"))
        for path in ("applications.results.total", "proactive.items_total"):
            self.assertViolation(fields, path)
            self.assertIn(path, message)
        with self.assertRaises(grpc.RpcError) as cm:   # nothing was stored
            self.get("2025-04")
        self.assertEqual(cm.exception.code(), grpc.StatusCode.NOT_FOUND)

    def test_05b_every_figure_negative(self):
        # More violated fields than a refusal lists: still a readable
        # INVALID_ARGUMENT with its BadRequest, within the default metadata limit.
        report = pb.MonthlyReport(unit_id="luxi-county", period="2025-04")
        count = [0]

        def spoil(message):
            for field in message.DESCRIPTOR.fields:
                if field.message_type is not None and field.label != field.LABEL_REPEATED:
                    if not field.message_type.GetOptions().map_entry:
                        spoil(getattr(message, field.name))
                elif field.type == field.TYPE_INT64 and field.label != field.LABEL_REPEATED:
                    setattr(message, field.name, -1)
                    count[0] += 1

        spoil(report)
        self.assertGreater(count[0], 32)
        message, fields = self.refusal(lambda: self.submit(report, "py-all-negative"))
        self.assertIn("不能为负数", message)
        self.assertRegex(message, r"; 另有 \d+ 处未列出（共 \d+ 处")
        self.assertLessEqual(len(fields), 20)
        self.assertGreaterEqual(len(fields), 10)
        for f in fields:
            self.assertIn(f + ": ", message)
        with self.assertRaises(grpc.RpcError) as cm:   # nothing was stored
            self.get("2025-04")
        self.assertEqual(cm.exception.code(), grpc.StatusCode.NOT_FOUND)

    def test_06_warnings(self):
        report = pb.MonthlyReport(   # Panjin 2008's counties: 803 received, channels add up to 804
            unit_id="luxi-county", period="2025-05",
            applications=pb.Applications(
                new_total=803, by_applicant=pb.ApplicantSplit(natural_person=803),
                received=pb.ApplicationChannels(online=161, letter=81, in_person=562),
                results=pb.ApplicationResults(granted=803, total=803), replied_on_time=803))
        resp = self.submit(report, "py-warn")
        self.assertEqual(resp.version, 1)
        self.assertIn(("applications.received", "PARTS_NOT_TOTAL"),
                      [(w.field, w.code) for w in resp.warnings])

    def test_07_unknown_unit(self):
        report = self.march_report()
        report.unit_id = "no-such-unit"
        _, fields = self.refusal(lambda: self.submit(report, "py-nobody"))
        self.assertViolation(fields, "unit_id")

    def test_08_batch(self):
        reports = [self.small_report("2025-06"), self.small_report("2025-07"), self.small_report("2025-13")]
        reqs = (rep.SubmitReportRequest(report=r, idempotency_key="py-batch-%d" % i)
                for i, r in enumerate(reports))
        resp = self.reporting.SubmitBatch(reqs, timeout=TIMEOUT, metadata=self.md)
        self.assertEqual([r.index for r in resp.results], [0, 1, 2])
        for r, period in zip(resp.results[:2], ("2025-06", "2025-07")):
            self.assertTrue(r.HasField("accepted"), r)
            self.assertEqual((r.accepted.period, r.accepted.version, r.error_code), (period, 1, 0))
        refused = resp.results[2]
        self.assertFalse(refused.HasField("accepted"))
        self.assertEqual(refused.error_code, 3)
        self.assertTrue(any(f.field.endswith("period") for f in refused.field_errors), refused)
        self.assertEqual((resp.accepted, resp.refused), (2, 1))

    def test_09_tokens(self):
        req = admin.ListUnitsRequest()
        with self.assertRaises(grpc.RpcError) as e:
            self.admin.ListUnits(req, timeout=TIMEOUT)
        self.assertEqual(e.exception.code(), grpc.StatusCode.UNAUTHENTICATED)
        self.assertIn("未提供令牌", e.exception.details())
        with self.assertRaises(grpc.RpcError) as e:
            self.admin.ListUnits(req, timeout=TIMEOUT, metadata=[("accept-language", "en")])
        self.assertIn("no token", e.exception.details())
        with self.assertRaises(grpc.RpcError) as e:
            self.admin.ListUnits(req, timeout=TIMEOUT, metadata=[("authorization", "Bearer gk_nope")])
        self.assertEqual(e.exception.code(), grpc.StatusCode.UNAUTHENTICATED)
        self.assertIn("未知令牌", e.exception.details())
        if ARGS.token:
            return
        office = [("authorization", "Bearer " + self._printed_token("office (demo-office): "))]
        self.assertTrue(self.admin.ListUnits(req, timeout=TIMEOUT, metadata=office).units)
        extra = unit.Unit(unit_id="py-extra", name="外", tier=unit.COUNTY)
        with self.assertRaises(grpc.RpcError) as e:
            self.admin.RegisterUnit(admin.RegisterUnitRequest(unit=extra), timeout=TIMEOUT, metadata=office)
        self.assertEqual(e.exception.code(), grpc.StatusCode.PERMISSION_DENIED)
        self.assertIn("须由管理员办理", e.exception.details())


def main():
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--supervisor", required=True, help="path to gongkai-supervisor")
    parser.add_argument("--proto-dir", required=True, help="the repository's proto/ directory")
    parser.add_argument("--token", default=os.environ.get("GONGKAI_TOKEN", ""),
                        help="bearer token, if the supervisor requires one (default $GONGKAI_TOKEN)")
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
