"""Random `blockfence.test.AllFieldKinds` messages built with Google's Python protobuf.

Every field kind, edge values, random presence, nesting up to three levels, and unknown fields
(numbers 1000 to 1999, which the schema reserves) at the top and inside nested messages.
"""

import random
import struct

UNKNOWN_NUMBERS = (1000, 1999)
TEXT_RANGES = [(0x20, 0x7E), (0x0, 0x1F), (0xA0, 0x24F), (0x4E00, 0x4FFF), (0x1F600, 0x1F64F)]


class Samples:
    def __init__(self, protos, seed, single_entry_maps=False):
        self.protos = protos
        # Python's upb backend orders deterministic map entries differently from the C++, Java
        # and pure-Python encoders; maps of one entry keep the comparison byte-exact with it too.
        self.single_entry_maps = single_entry_maps
        self.random = random.Random(seed)
        self.kinds = protos.conformance_pb2.AllFieldKinds

    def chance(self, probability):
        return self.random.random() < probability

    def integer(self, bits, signed):
        low, high = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
        choice = self.random.randrange(6)
        if choice == 0:
            return low
        if choice == 1:
            return high
        if choice == 2:
            return max(low, min(high, self.random.randint(-3, 3)))
        if choice == 3:
            return self.random.randint(low, high) >> self.random.randrange(bits)
        return self.random.randint(low, high)

    def double(self):
        choice = self.random.randrange(6)
        if choice == 0:
            return self.random.choice([0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1.7976931348623157e308])
        if choice == 1:
            return struct.unpack("<d", self.random.getrandbits(64).to_bytes(8, "little"))[0]
        return self.random.uniform(-1e6, 1e6)

    def float(self):
        choice = self.random.randrange(6)
        if choice == 0:
            return self.random.choice([0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1e-45])
        if choice == 1:
            return struct.unpack("<f", self.random.getrandbits(32).to_bytes(4, "little"))[0]
        return struct.unpack("<f", struct.pack("<f", self.random.uniform(-1e6, 1e6)))[0]

    def text(self):
        characters = []
        for _ in range(self.random.randint(0, 12)):
            low, high = self.random.choice(TEXT_RANGES)
            characters.append(chr(self.random.randint(low, high)))
        return "".join(characters)

    def bytes(self):
        return bytes(self.random.getrandbits(8) for _ in range(self.random.randint(0, 16)))

    def enum_number(self):
        return self.random.choice([0, 1, 2, -3]) if self.chance(0.8) else self.integer(32, True)

    def listing(self, make, maximum=5):
        if not self.chance(0.4):
            return []
        return [make() for _ in range(self.random.randint(1, maximum))]

    def mapping(self, target, make_key, make_value, maximum=4, message_values=False):
        if not self.chance(0.3):
            return
        if self.single_entry_maps:
            maximum = 1
        for _ in range(self.random.randint(1, maximum)):
            key = make_key()
            if message_values:
                target[key].CopyFrom(make_value())
            else:
                target[key] = make_value()

    def unknown_fields(self):
        """Raw bytes of one to four fields in the varint, I32, I64 and LEN wire types."""
        data = bytearray()
        for _ in range(self.random.randint(1, 4)):
            number = self.random.randint(*UNKNOWN_NUMBERS)
            wire_type = self.random.choice([0, 5, 1, 2])
            data += varint(number << 3 | wire_type)
            if wire_type == 0:
                data += varint(self.integer(64, False))
            elif wire_type == 5:
                data += self.random.getrandbits(32).to_bytes(4, "little")
            elif wire_type == 1:
                data += self.random.getrandbits(64).to_bytes(8, "little")
            else:
                content = self.bytes()
                data += varint(len(content)) + content
        return bytes(data)

    def point(self):
        point = self.protos.shared_types_pb2.Point()
        if self.chance(0.8):
            point.x = self.integer(64, True)
        if self.chance(0.8):
            point.y = self.integer(64, True)
        if self.chance(0.5):
            point.label = self.text()
        return point

    def timestamp(self, message):
        message.seconds = self.random.randint(-62_135_596_800, 253_402_300_799)
        message.nanos = self.random.randint(0, 999_999_999)
        return message

    def nested(self, depth):
        nested = self.kinds.Nested()
        if self.chance(0.7):
            nested.value = self.integer(32, True)
        nested.tags.extend(self.listing(self.text, 3))
        if depth < 2 and self.chance(0.3):
            nested.recursive.CopyFrom(self.message(depth + 1))
        if self.chance(0.2):
            nested.MergeFromString(self.unknown_fields())
        return nested

    def message(self, depth=0):
        message = self.kinds()
        scalars = [
            ("double_value", self.double), ("float_value", self.float),
            ("int64_value", lambda: self.integer(64, True)), ("uint64_value", lambda: self.integer(64, False)),
            ("int32_value", lambda: self.integer(32, True)), ("fixed64_value", lambda: self.integer(64, False)),
            ("fixed32_value", lambda: self.integer(32, False)), ("bool_value", lambda: self.chance(0.5)),
            ("string_value", self.text), ("bytes_value", self.bytes),
            ("uint32_value", lambda: self.integer(32, False)), ("sfixed32_value", lambda: self.integer(32, True)),
            ("sfixed64_value", lambda: self.integer(64, True)), ("sint32_value", lambda: self.integer(32, True)),
            ("sint64_value", lambda: self.integer(64, True)),
        ]
        for name, make in scalars:
            if self.chance(0.5):
                setattr(message, name, make())
        if self.chance(0.4):
            message.size = self.enum_number()
        if self.chance(0.4):
            message.color = self.enum_number()
        if self.chance(0.3):
            message.nested.CopyFrom(self.nested(depth))
        if self.chance(0.3):
            message.point.CopyFrom(self.point())
        if self.chance(0.3):
            message.optional_int32 = self.integer(32, True)
        if self.chance(0.3):
            message.optional_string = self.text()
        if self.chance(0.3):
            message.optional_color = self.enum_number()
        if self.chance(0.3):
            message.optional_double = self.double()
        repeated = [
            ("repeated_double", self.double), ("repeated_float", self.float),
            ("repeated_int64", lambda: self.integer(64, True)), ("repeated_uint64", lambda: self.integer(64, False)),
            ("repeated_int32", lambda: self.integer(32, True)), ("repeated_fixed64", lambda: self.integer(64, False)),
            ("repeated_fixed32", lambda: self.integer(32, False)), ("repeated_bool", lambda: self.chance(0.5)),
            ("repeated_string", self.text), ("repeated_bytes", self.bytes),
            ("repeated_uint32", lambda: self.integer(32, False)),
            ("repeated_sfixed32", lambda: self.integer(32, True)),
            ("repeated_sfixed64", lambda: self.integer(64, True)),
            ("repeated_sint32", lambda: self.integer(32, True)), ("repeated_sint64", lambda: self.integer(64, True)),
            ("repeated_color", self.enum_number),
            ("unpacked_int32", lambda: self.integer(32, True)), ("unpacked_sint64", lambda: self.integer(64, True)),
            ("unpacked_double", self.double), ("unpacked_color", self.enum_number),
        ]
        for name, make in repeated:
            getattr(message, name).extend(self.listing(make))
        if depth < 2:
            for nested in self.listing(lambda: self.nested(depth), 2):
                message.repeated_nested.add().CopyFrom(nested)
        self.mapping(message.string_to_string, self.text, self.text)
        self.mapping(message.int32_to_int64, lambda: self.integer(32, True), lambda: self.integer(64, True))
        self.mapping(message.uint64_to_bytes, lambda: self.integer(64, False), self.bytes)
        if depth < 2:
            self.mapping(message.sint32_to_nested, lambda: self.integer(32, True), lambda: self.nested(depth), 2,
                         message_values=True)
        self.mapping(message.bool_to_color, lambda: self.chance(0.5), self.enum_number, 2)
        self.mapping(message.fixed32_to_double, lambda: self.integer(32, False), self.double)
        self.mapping(message.sfixed64_to_point, lambda: self.integer(64, True), self.point, message_values=True)
        self.mapping(message.string_to_timestamp, self.text,
                     lambda: self.timestamp(self.protos.conformance_pb2.google_dot_protobuf_dot_timestamp__pb2
                                            .Timestamp()), message_values=True)
        self.choice(message, depth)
        if self.chance(0.2):
            self.timestamp(message.timestamp)
        if self.chance(0.2):
            message.duration.seconds = self.random.randint(0, 315_576_000_000)
            message.duration.nanos = self.random.randint(0, 999_999_999)
        if self.chance(0.2):
            message.empty.SetInParent()
        self.wrappers(message)
        if self.chance(0.3):
            message.secret = self.text()
        if self.chance(0.3):
            message.MergeFromString(self.unknown_fields())
        return message

    def choice(self, message, depth):
        choice = self.random.randrange(7)
        if choice == 0:
            message.choice_int32 = self.integer(32, True)
        elif choice == 1:
            message.choice_string = self.text()
        elif choice == 2 and depth < 2:
            message.choice_nested.CopyFrom(self.nested(depth))
        elif choice == 3:
            message.choice_color = self.enum_number()
        elif choice == 4:
            message.choice_bytes = self.bytes()

    def wrappers(self, message):
        wrappers = [
            ("int32_wrapper", lambda: self.integer(32, True)), ("int64_wrapper", lambda: self.integer(64, True)),
            ("uint32_wrapper", lambda: self.integer(32, False)), ("uint64_wrapper", lambda: self.integer(64, False)),
            ("float_wrapper", self.float), ("double_wrapper", self.double),
            ("bool_wrapper", lambda: self.chance(0.5)), ("string_wrapper", self.text),
            ("bytes_wrapper", self.bytes),
        ]
        for name, make in wrappers:
            if self.chance(0.15):
                wrapper = getattr(message, name)
                wrapper.SetInParent()
                if self.chance(0.8):
                    wrapper.value = make()


def varint(value):
    data = bytearray()
    while value >= 0x80:
        data.append(value & 0x7F | 0x80)
        value >>= 7
    data.append(value)
    return bytes(data)
