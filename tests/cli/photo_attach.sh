#!/bin/bash
# photo_attach.sh - a photo a caller sent the hotline, attached to the case
# (issue 16 section 1; sql/code/59_photos.sql, sql/migrations/021_case_photos.sql):
# `wardesk report --photo FILE` and `wardesk photo REF FILE` keep the bytes
# in the database, where every console of the ward reads them (a path on the
# hotline's computer would not do).  Only PNG and JPEG by their first
# bytes, at most 2 MB, 3 per case, open cases only; each one a case event in
# the audit chain; another ward sees nothing, and nobody writes the table
# but photo_attach (psql as the officers).
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Võ Thị Lan" hotline) &&
O1=$(mk_officer o1 "Nguyễn Văn Một" officer) &&
GV=$(mk_officer gv "Ngô Văn Gò" officer GV) || { not_ok "setup: officers"; exit 1; }

# a 16x12 PNG and a JPEG, written with zlib (no image library needed)
"$WD_PY" - "$WD_TMP" <<'PY' || not_ok "setup: photos"
import struct, sys, zlib
d = sys.argv[1]
def chunk(t, b):
    return struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b) & 0xffffffff)
raw = b"".join(b"\0" + bytes([(y * 20) % 256, 80, 200]) * 16 for y in range(12))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 12, 8, 2, 0, 0, 0)) +
       chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
open(d + "/a.png", "wb").write(png)
open(d + "/big.png", "wb").write(png + b"\0" * (2 * 1024 * 1024))
open(d + "/fake.jpg", "wb").write(b"This is a letter, not a photo.\n")
open(d + "/tiny.jpg", "wb").write(b"\xff\xd8\xff\xe0\0\x10JFIF\0" + b"\0" * 64)
PY

check_exit "report --photo: the case and its photo" 0 report_as "$HL" --category MT --text "Ngập nước" \
	--address "3 Lê Lợi" --phone 0912345678 --photo "$WD_TMP/a.png"
R=$(printf '%s\n' "$OUT" | head -n 1)
check_match "report --photo: says the photo was attached" "^$R: photo #[0-9]+ attached \\([0-9]+ bytes\\)" "$OUT"
check_eq "the bytes are in the database, as sent" "$(sha256sum <"$WD_TMP/a.png" | cut -c1-64)" \
	"$(sql "select sha256 || ' ' || (sha256 = encode(sha256(bytes), 'hex'))::text from wardesk.case_photos p
	        join wardesk.cases c on c.id = p.case_id where c.ref = '$R'" | cut -c1-64)"
check_eq "... with its type" "image/png" \
	"$(sql "select content_type from wardesk.case_photos p join wardesk.cases c on c.id = p.case_id where c.ref = '$R'")"

# report --photo with a file that is refused records nothing (exit 2: bad
# input, nothing done): the case and its photo go together
ncases() { sql "select count(*) from wardesk.cases"; }
N0=$(ncases)
check_exit "report --photo with a text file named .png: bad input (exit 2)" 2 report_as "$HL" --category MT \
	--text "Không phải ảnh" --address "4 Lê Lợi" --photo "$WD_TMP/fake.jpg"
check_match "... not a PNG or JPEG" "the file is not a PNG or JPEG photo" "$ERR"
check_eq "... no reference printed" "" "$OUT"
check_eq "... and no case recorded" "$N0" "$(ncases)"
check_exit "report --photo over 2 MB: bad input (exit 2)" 2 report_as "$HL" --category MT \
	--text "Ảnh quá lớn" --address "4 Lê Lợi" --photo "$WD_TMP/big.png"
check_eq "... no case recorded" "$N0" "$(ncases)"
check_exit "report --photo with a missing file: bad input (exit 2)" 2 report_as "$HL" --category MT \
	--text "Không có tệp" --address "4 Lê Lợi" --photo "$WD_TMP/none.png"
check_eq "... no case recorded" "$N0" "$(ncases)"

check_exit "photo REF FILE: a second one (JPEG)" 0 wd_as "$O1" photo "$R" "$WD_TMP/tiny.jpg"
check_exit "a text file named .jpg: bad input (exit 2)" 2 wd_as "$HL" photo "$R" "$WD_TMP/fake.jpg"
check_match "... not a PNG or JPEG" "the file is not a PNG or JPEG photo" "$ERR"
check_exit "over 2 MB: bad input" 2 wd_as "$HL" photo "$R" "$WD_TMP/big.png"
check_match "... with its size and the limit" "the photo is [0-9]+ bytes \\(at most 2097152\\)" "$ERR"
check_exit "a missing file: usage (exit 2), nothing sent" 2 wd_as "$HL" photo "$R" "$WD_TMP/none.png"
check_exit "the third photo" 0 wd_as "$HL" photo "$R" "$WD_TMP/a.png"
check_exit "a fourth: refused" 1 wd_as "$HL" photo "$R" "$WD_TMP/a.png"
check_match "... at most 3" "$R already has 3 photos \\(at most 3\\)" "$ERR"
check_eq "three photos kept" 3 "$(sql "select count(*) from wardesk.case_photos p join wardesk.cases c on c.id = p.case_id where c.ref = '$R'")"

run wd_as "$HL" show "$R"
check_match "the history lists each photo attached, by whom" "^ +[0-9/]+ [0-9:]+ +$O1 attached a photo \\([0-9]+ KB\\)$" "$OUT"
check_exit "the audit chain still verifies" 0 wd_as "$O1" audit verify

# ---- the ward's boundary and the only writer, in psql as the officers
check_eq "psql: the ward's officer reads the photos" 3 "$(psql_as "$O1" -c "select count(*) from wardesk.case_photos")"
check_eq "psql: another ward's officer sees none" 0 "$(psql_as "$GV" -c "select count(*) from wardesk.case_photos")"
check_exit "psql: another ward's officer cannot attach to the case" 1 \
	psql_as "$GV" -c "select wardesk.photo_attach('$R', '\\x89504e470d0a1a0a00'::bytea)"
check_exit "psql: nobody inserts a row directly" 1 \
	psql_as "$HL" -c "insert into wardesk.case_photos(case_id, ward_id, content_type, bytes, sha256)
	                   select id, ward_id, 'image/png', '\\x89504e470d0a1a0a00'::bytea, repeat('0', 64)
	                     from wardesk.cases where ref = '$R'"
check_exit "psql: nobody changes a photo's bytes" 1 \
	psql_as "$O1" -c "update wardesk.case_photos set bytes = '\\x89504e470d0a1a0a01'::bytea"
check_exit "psql: nobody deletes a photo" 1 psql_as "$O1" -c "delete from wardesk.case_photos"

# ---- a resolved case takes no photo
R2=$(report_as "$HL" --category MT --text "Đèn hỏng" --address "5 Lê Lợi") &&
wd_as "$O1" take "$R2" >/dev/null && wd_as "$O1" close "$R2" --note "Đã thay" >/dev/null ||
	not_ok "setup: a resolved case"
check_exit "a resolved case: refused" 1 wd_as "$HL" photo "$R2" "$WD_TMP/a.png"
check_match "... reopen it first" "$R2 is resolved; reopen it first" "$ERR"
