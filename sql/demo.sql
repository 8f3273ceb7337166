-- demo.sql - a realistic demo ward for wardesk (`wardesk db demo`).
--
-- Run by a superuser in one transaction (the caller adds BEGIN/COMMIT), after
-- the migrations.  Does nothing (a NOTICE) when ward BT already exists.
--
-- Every case is made through the API as the officer who would have done it
-- (SET SESSION AUTHORIZATION changes session_user, which is the audited actor)
-- with the desk clock (wardesk.test_clock, 003) moved back to the moment of each
-- step (inside this transaction only: it is set back before the commit), so received times, deadlines and the audit history all look real.
-- Cases from the citizen app arrive through the feed's function
-- (import_request) as the feed's service account appfeed (a member of
-- wardesk_feed, 008) would import them: report() refuses channel app.
-- Deterministic: times are relative to the transaction's now(); no random().
-- Some input is decomposed (NFD) on purpose: it must come out as NFC.
--
-- Officers (PostgreSQL logins, no password; give them one or use peer/SCRAM):
--   chutich  Trần Thị Hồng    chair
--   an       Nguyễn Văn An    officer
--   binh     Lê Thị Bình      officer
--   cuong    Phạm Quốc Cường  officer
--   lan      Võ Thị Lan       hotline
--   minh     Đặng Minh        hotline
--   appfeed  the citizen app's feed (hotline, member of wardesk_feed): `wardesk import`

-- Act as p_login at (desk clock - p_ago).
create or replace function pg_temp.demo_at(p_login text, p_ago interval) returns void
language plpgsql as $$
begin
	reset session authorization;
	update wardesk.test_clock
	   set clock_offset = coalesce(nullif(current_setting('wardesk_demo.base_offset', true), '')::interval,
	                               interval '0') - p_ago;
	execute format('set session authorization %I', p_login);
end $$;

do $demo$
declare
	v_base text := coalesce((select clock_offset::text from wardesk.test_clock), '');
begin
	if not (select rolsuper from pg_roles where rolname = session_user) then
		raise exception 'the demo must be seeded by a superuser (session user is %)', session_user;
	end if;
	if exists (select from wardesk.wards where code = 'BT') then
		raise notice 'ward BT already exists: demo not seeded again';
		return;
	end if;
	perform set_config('wardesk_demo.base_offset', v_base, true);

	perform wardesk.ward_add('BT', 'Phường Bình Thạnh');
	perform wardesk.officer_add('chutich', 'Trần Thị Hồng', 'chair', 'BT');
	perform wardesk.officer_add('an', U&'Nguye\0302\0303n Va\0306n An', 'officer', 'BT');  -- NFD on purpose
	perform wardesk.officer_add('binh', 'Lê Thị Bình', 'officer', 'BT');
	perform wardesk.officer_add('cuong', 'Phạm Quốc Cường', 'officer', 'BT');
	perform wardesk.officer_add('lan', 'Võ Thị Lan', 'hotline', 'BT');
	perform wardesk.officer_add('minh', 'Đặng Minh', 'hotline', 'BT');
	perform wardesk.officer_add('appfeed', 'Ứng dụng phản ánh (nguồn cấp)', 'hotline', 'BT');
	grant wardesk_feed to appfeed;

	-- ---- yesterday ------------------------------------------------------
	perform pg_temp.demo_at('appfeed', '27 hours');
	perform wardesk.import_request(p_external_id => 'BT-APP-240101', p_service_code => 'MT',
		p_description => 'Rác thải sinh hoạt đổ bừa bãi trước hẻm, bốc mùi hôi, chuột bọ nhiều. Nhờ phường cho xe thu gom.',
		p_requested_at => wardesk.now(), p_address => '45/12 Nơ Trang Long, Phường Bình Thạnh', p_lat => 10.8121, p_lon => 106.6985,
		p_media_url => 'https://example.invalid/media/0101.jpg');
	perform pg_temp.demo_at('an', '26 hours 50 minutes');
	perform wardesk.take('BT-1', 1);
	perform pg_temp.demo_at('an', '26 hours 5 minutes');
	perform wardesk.close('BT-1', null, 'Đã liên hệ Công ty dịch vụ công ích, xe thu gom rác lúc 6 giờ 30; đã nhắc tổ dân phố.', 'done');
	perform pg_temp.demo_at('minh', '26 hours');
	perform wardesk.report(p_category => 'ANTT', p_channel => 'hotline', p_hotline_line => 'police',
		p_description => 'Nhóm thanh niên tụ tập nẹt pô, gây ồn ào sau 23 giờ ở đầu hẻm.',
		p_address => '210 Phan Đăng Lưu, Phường Bình Thạnh',
		p_name => 'Lý Thị Mai', p_phone => '+84 903.456.789');
	perform pg_temp.demo_at('binh', '25 hours 55 minutes');
	perform wardesk.take('BT-2', 1);
	perform pg_temp.demo_at('binh', '25 hours 20 minutes');
	perform wardesk.close('BT-2', null, 'Công an phường đã đến giải tán nhóm thanh niên, nhắc nhở và lập biên bản 2 trường hợp.', 'done');
	perform pg_temp.demo_at('appfeed', '25 hours');
	perform wardesk.import_request(p_external_id => 'BT-APP-240117', p_service_code => 'TTDT',
		p_description => normalize('Quán ăn lấn chiếm toàn bộ vỉa hè, người đi bộ phải đi xuống lòng đường.', nfd),
		p_requested_at => wardesk.now(), p_address => '88 Đinh Bộ Lĩnh, Phường Bình Thạnh', p_lat => 10.8043, p_lon => 106.7102,
		p_media_url => 'https://example.invalid/media/0117.jpg');
	perform pg_temp.demo_at('cuong', '24 hours 50 minutes');
	perform wardesk.take('BT-3', 1);
	perform pg_temp.demo_at('lan', '24 hours');
	perform wardesk.report(p_category => 'HT', p_channel => 'hotline', p_hotline_line => 'committee',
		p_description => 'Ổ gà lớn giữa đường, xe máy đã té hai lần trong tối nay.',
		p_address => '512 Xô Viết Nghệ Tĩnh, Phường Bình Thạnh',
		p_name => 'Phan Thanh Tùng', p_phone => '028.3841.2233');
	perform pg_temp.demo_at('cuong', '23 hours 40 minutes');
	perform wardesk.close('BT-3', null, 'Chuyển Đội trật tự đô thị xử lý theo kế hoạch ra quân ngày mai; đã báo người phản ánh.', 'transferred');
	perform pg_temp.demo_at('an', '23 hours 30 minutes');
	perform wardesk.take('BT-4', 1);
	perform pg_temp.demo_at('appfeed', '22 hours');
	perform wardesk.import_request(p_external_id => 'BT-APP-240125', p_service_code => 'HT',
		p_description => 'Có ổ gà sâu trên đường Xô Viết Nghệ Tĩnh gần số 512, rất nguy hiểm ban đêm.',
		p_requested_at => wardesk.now(), p_address => 'Xô Viết Nghệ Tĩnh, Phường Bình Thạnh', p_lat => 10.8069, p_lon => 106.7127,
		p_media_url => 'https://example.invalid/media/0125.jpg');
	perform pg_temp.demo_at('binh', '21 hours 50 minutes');
	perform wardesk.take('BT-5', 1);
	perform pg_temp.demo_at('binh', '21 hours 40 minutes');
	perform wardesk.close('BT-5', null, 'Trùng phản ánh BT-4 (cùng ổ gà), đang được xử lý.', 'duplicate', 'BT-4');
	perform pg_temp.demo_at('an', '21 hours 10 minutes');
	perform wardesk.close('BT-4', null, 'Đã đặt biển cảnh báo và rào chắn; Ban quản lý dự án đã vá tạm bằng đá dăm. Trễ hạn do chờ xe vật tư.', 'done',
		p_delay_reason => 'FIELD', p_apology => wardesk.apology_text('BT-4'));
	perform pg_temp.demo_at('lan', '20 hours');
	perform wardesk.report(p_category => 'KHAC', p_channel => 'walkin',
		p_description => 'Công dân đến hỏi về tranh chấp ranh giới đất với nhà bên cạnh.',
		p_address => '17/3 Bình Quới, Phường Bình Thạnh',
		p_name => 'Cao Văn Lộc', p_phone => '0868 555 019');
	perform pg_temp.demo_at('chutich', '19 hours 30 minutes');
	perform wardesk.assign('BT-6', 'cuong', 1);
	perform pg_temp.demo_at('cuong', '19 hours');
	perform wardesk.close('BT-6', null, 'Tranh chấp đất đai không thuộc thẩm quyền của bàn trực; đã hướng dẫn công dân nộp đơn tại bộ phận một cửa.', 'not_ours');
	perform pg_temp.demo_at('appfeed', '18 hours');
	perform wardesk.import_request(p_external_id => 'BT-APP-240131', p_service_code => 'CX',
		p_description => 'Cây me gãy nhánh lớn sau mưa, đè lên dây điện và chắn một nửa lối đi.',
		p_requested_at => wardesk.now(), p_address => '301 Bạch Đằng, Phường Bình Thạnh', p_lat => 10.8027, p_lon => 106.7081,
		p_media_url => 'https://example.invalid/media/0131.jpg');
	perform pg_temp.demo_at('an', '17 hours 50 minutes');
	perform wardesk.take('BT-7', 1);
	perform pg_temp.demo_at('an', '16 hours 30 minutes');
	perform wardesk.close('BT-7', null, 'Công ty Cây xanh đã cắt nhánh gãy, dọn lối đi; Điện lực kiểm tra dây điện an toàn.', 'done');

	-- ---- today: resolved -------------------------------------------------
	perform pg_temp.demo_at('minh', '9 hours');
	perform wardesk.report(p_category => 'ATGT', p_channel => 'hotline', p_hotline_line => 'committee',
		p_description => 'Đèn tín hiệu giao thông ở ngã tư bị tắt, xe cộ ùn ứ.',
		p_address => 'Ngã tư Điện Biên Phủ – Nguyễn Xí, Phường Bình Thạnh',
		p_name => 'Tạ Quang Vinh', p_phone => '84 938 111 222');
	perform pg_temp.demo_at('binh', '8 hours 55 minutes');
	perform wardesk.take('BT-8', 1);
	perform pg_temp.demo_at('binh', '8 hours');
	perform wardesk.close('BT-8', null, 'Báo Trung tâm điều hành giao thông; đèn đã hoạt động lại lúc 7 giờ 40.', 'done');
	perform pg_temp.demo_at('appfeed', '7 hours');
	perform wardesk.import_request(p_external_id => 'BT-APP-240188', p_service_code => 'HT',
		p_description => 'Đèn đường hẻm tối om ba đêm liền, người dân sợ trộm.',
		p_requested_at => wardesk.now(), p_address => '60/9 Lê Quang Định, Phường Bình Thạnh', p_lat => 10.8085, p_lon => 106.6952,
		p_media_url => 'https://example.invalid/media/0188.jpg');
	perform pg_temp.demo_at('cuong', '6 hours 50 minutes');
	perform wardesk.take('BT-9', 1);
	perform pg_temp.demo_at('lan', '6 hours');
	perform wardesk.report(p_category => 'MT', p_channel => 'hotline', p_hotline_line => 'committee',
		p_description => normalize('Nước thải từ cơ sở giặt ủi chảy tràn ra đường, có mùi hóa chất.', nfd),
		p_address => normalize('134 Ung Văn Khiêm, Phường Bình Thạnh', nfd),
		p_name => U&'Nguye\0302\0303n Thi\0323 Thu', p_phone => '(028) 3512 6789',
		p_callback => true);
	perform pg_temp.demo_at('an', '5 hours 55 minutes');
	perform wardesk.take('BT-10', 1);
	perform pg_temp.demo_at('cuong', '5 hours 30 minutes');
	perform wardesk.close('BT-9', null, 'Đội điện chiếu sáng đã thay bóng đèn, hẻm sáng lại.', 'done');
	perform pg_temp.demo_at('minh', '5 hours');
	perform wardesk.report(p_category => 'TTDT', p_channel => 'import', p_external_id => '1022-0098812',
		p_description => 'Công trình sửa nhà đổ vật liệu xây dựng ra lòng đường, không che chắn.',
		p_address => '75 Nguyễn Hữu Cảnh, Phường Bình Thạnh', p_lat => 10.7938, p_lon => 106.7199,
		p_name => 'Hồ Thị Diệu', p_phone => '0356 789 012',
		p_media => array['https://example.invalid/media/0201.jpg']);
	perform pg_temp.demo_at('an', '4 hours 50 minutes');
	perform wardesk.close('BT-10', null, 'Lập biên bản cơ sở giặt ủi, yêu cầu ngưng xả thải; đã gọi lại báo người phản ánh.', 'done');
	perform pg_temp.demo_at('an', '4 hours 40 minutes');
	perform wardesk.take('BT-11', 1);
	perform pg_temp.demo_at('lan', '4 hours');
	perform wardesk.report(p_category => 'ANTT', p_channel => 'walkin',
		p_description => 'Người dân trình báo bị giật điện thoại khi dừng đèn đỏ.',
		p_address => 'Phan Đăng Lưu gần chợ Bà Chiểu, Phường Bình Thạnh',
		p_name => 'Kiều Anh Thư', p_phone => '0789 246 810');
	perform pg_temp.demo_at('binh', '3 hours 55 minutes');
	perform wardesk.take('BT-12', 1);
	perform pg_temp.demo_at('binh', '3 hours 30 minutes');
	perform wardesk.close('BT-12', null, 'Chuyển Công an phường tiếp nhận đơn trình báo, đã hướng dẫn người dân.', 'transferred');

	-- ---- today: open, oldest first ---------------------------------------
	perform pg_temp.demo_at('appfeed', '3 hours 10 minutes');
	perform wardesk.import_request(p_external_id => 'BT-APP-240203', p_service_code => 'TTDT',
		p_description => 'Xe đẩy bán hàng rong chiếm lối vào trường tiểu học giờ tan học.',
		p_requested_at => wardesk.now(), p_address => '22 Nguyễn Xí, Phường Bình Thạnh', p_lat => 10.8154, p_lon => 106.7093,
		p_media_url => 'https://example.invalid/media/0203.jpg');
	perform pg_temp.demo_at('lan', '3 hours');
	perform wardesk.report(p_category => 'HT', p_channel => 'hotline', p_hotline_line => 'committee',
		p_description => 'Nắp cống bị mất, hố sâu ngay lối đi, có trẻ em chơi gần đó.',
		p_address => '98/2 Đinh Bộ Lĩnh, Phường Bình Thạnh',
		p_name => 'Bùi Văn Sáu', p_phone => '0283 7267 527');
	perform pg_temp.demo_at('an', '3 hours 1 minute');   -- a minute before its deadline
	perform wardesk.close('BT-11', null, 'Đội trật tự đô thị yêu cầu chủ công trình dọn vật liệu, che chắn; đã kiểm tra lại.', 'done');
	perform pg_temp.demo_at('cuong', '2 hours 40 minutes');
	perform wardesk.take('BT-14', 1);
	perform pg_temp.demo_at('appfeed', '2 hours 30 minutes');
	perform wardesk.import_request(p_external_id => 'BT-APP-240207', p_service_code => 'MT',
		p_description => 'Khói đốt rác từ bãi đất trống, cả khu phố ngạt thở.',
		p_requested_at => wardesk.now(), p_address => '400 Bình Quới, Phường Bình Thạnh', p_lat => 10.8190, p_lon => 106.7255,
		p_media_url => 'https://example.invalid/media/0207.jpg');
	perform pg_temp.demo_at('binh', '2 hours 20 minutes');
	perform wardesk.take('BT-15', 1);
	perform pg_temp.demo_at('lan', '110 minutes');
	perform wardesk.report(p_category => 'ANTT', p_channel => 'hotline', p_hotline_line => 'police',
		p_description => 'Hai nhà hàng xóm cãi nhau, có dấu hiệu xô xát, cần người đến ngay.',
		p_address => '15/7 Nơ Trang Long, Phường Bình Thạnh',
		p_name => 'Tô Văn Nam', p_phone => '0905 678 901', p_callback => true);
	perform pg_temp.demo_at('appfeed', '108 minutes');
	perform wardesk.import_request(p_external_id => 'BT-APP-240211', p_service_code => 'ATGT',
		p_description => 'Xe tải đậu trên vỉa hè che khuất tầm nhìn ở khúc cua.',
		p_requested_at => wardesk.now(), p_address => '230 Điện Biên Phủ, Phường Bình Thạnh', p_lat => 10.8001, p_lon => 106.7074,
		p_media_url => 'https://example.invalid/media/0211.jpg');
	perform pg_temp.demo_at('appfeed', '104 minutes');
	perform wardesk.import_request(p_external_id => 'BT-APP-240212', p_service_code => 'CX',
		p_description => normalize('Cây dầu nghiêng nhiều sau mưa lớn, nguy cơ ngã vào nhà dân.', nfd),
		p_requested_at => wardesk.now(), p_address => '9 Bạch Đằng, Phường Bình Thạnh', p_lat => 10.8030, p_lon => 106.7112,
		p_media_url => 'https://example.invalid/media/0212.jpg');
	perform pg_temp.demo_at('an', '100 minutes');
	perform wardesk.take('BT-17', 1);
	perform pg_temp.demo_at('appfeed', '100 minutes');
	perform wardesk.import_request(p_external_id => 'BT-APP-240214', p_service_code => 'TTDT',
		p_description => 'Bảng quảng cáo dựng trái phép trên vỉa hè.',
		p_requested_at => wardesk.now(), p_address => '150 Lê Quang Định, Phường Bình Thạnh', p_lat => 10.8102, p_lon => 106.6960,
		p_media_url => 'https://example.invalid/media/0214.jpg');
	perform pg_temp.demo_at('lan', '96 minutes');
	perform wardesk.report(p_category => 'MT', p_channel => 'hotline', p_hotline_line => 'committee',
		p_description => 'Karaoke tự phát hát lớn từ trưa, ảnh hưởng người già và trẻ nhỏ.',
		p_address => '36 Ung Văn Khiêm, Phường Bình Thạnh',
		p_name => 'Quách Thị Lệ', p_phone => '0345 678 123');
	perform pg_temp.demo_at('chutich', '90 minutes');
	perform wardesk.assign('BT-18', 'binh', 1);
	perform pg_temp.demo_at('cuong', '90 minutes');
	perform wardesk.take('BT-20', 1);
	perform pg_temp.demo_at('binh', '70 minutes');
	perform wardesk.escalate('BT-13', 1, 'Quá hạn, chưa ai nhận; xin Chủ tịch phân công.');
	perform pg_temp.demo_at('appfeed', '70 minutes');
	perform wardesk.import_request(p_external_id => 'BT-APP-240220', p_service_code => 'HT',
		p_description => 'Ngập nước sau cơn mưa, nước tràn vào nhà, cống thoát nước bị nghẹt.',
		p_requested_at => wardesk.now(), p_address => '77/5 Xô Viết Nghệ Tĩnh, Phường Bình Thạnh', p_lat => 10.8055, p_lon => 106.7136,
		p_media_url => 'https://example.invalid/media/0220.jpg');
	perform pg_temp.demo_at('an', '65 minutes');
	perform wardesk.take('BT-21', 1);
	perform pg_temp.demo_at('an', '60 minutes');
	perform wardesk.report(p_category => 'KHAC', p_channel => 'walkin',
		p_description => 'Công dân báo mất giấy tờ tùy thân, xin xác nhận để làm lại.',
		p_address => 'Trụ sở UBND Phường Bình Thạnh', p_name => 'La Thị Hoa', p_phone => '0979 111 000');
	perform pg_temp.demo_at('chutich', '55 minutes');
	perform wardesk.take('BT-22', 1);
	perform pg_temp.demo_at('minh', '50 minutes');
	perform wardesk.report(p_category => 'ANTT', p_channel => 'hotline', p_hotline_line => 'police',
		p_description => 'Người lạ đi dò xét từng nhà, nghi trộm cắp.',
		p_address => '12/40 Bình Quới, Phường Bình Thạnh',
		p_name => 'Thái Văn Đức', p_phone => '0888 123 987');
	perform pg_temp.demo_at('binh', '45 minutes');
	perform wardesk.take('BT-23', 1);
	perform pg_temp.demo_at('minh', '45 minutes');
	perform wardesk.report(p_category => 'ATGT', p_channel => 'hotline', p_hotline_line => 'police',
		p_description => 'Tai nạn giữa xe máy và taxi, một người bị thương nằm trên đường, đã gọi 115.',
		p_address => 'Ngã tư Đinh Bộ Lĩnh – Bạch Đằng, Phường Bình Thạnh',
		p_name => 'Ninh Văn Hậu', p_phone => '0912.468.135');
	perform pg_temp.demo_at('an', '43 minutes');
	perform wardesk.escalate('BT-24', 1, 'Tai nạn có người bị thương, báo Chủ tịch để điều Công an phường.');
	perform pg_temp.demo_at('chutich', '40 minutes');
	perform wardesk.reopen('BT-7', null, 'Người dân phản ánh lại: nhánh cây gãy vẫn còn nằm trên vỉa hè chưa dọn.');
	perform pg_temp.demo_at('binh', '40 minutes');
	perform wardesk.escalate('BT-15', null, 'Cần Đội trật tự đô thị hỗ trợ, khói vẫn còn.');
	perform pg_temp.demo_at('appfeed', '35 minutes');
	perform wardesk.import_request(p_external_id => 'BT-APP-240226', p_service_code => 'MT',
		p_description => 'Xác động vật chết trôi dạt ở bờ kênh, bốc mùi.',
		p_requested_at => wardesk.now(), p_address => 'Bờ kênh Thanh Đa, Bình Quới, Phường Bình Thạnh', p_lat => 10.8231, p_lon => 106.7204,
		p_media_url => 'https://example.invalid/media/0226.jpg');
	perform pg_temp.demo_at('cuong', '30 minutes');
	perform wardesk.take('BT-25', 1);
	perform pg_temp.demo_at('appfeed', '25 minutes');
	perform wardesk.import_request(p_external_id => 'BT-APP-240229', p_service_code => 'TTDT',
		p_description => 'Xe ô tô đậu chắn lối thoát hiểm của chung cư.',
		p_requested_at => wardesk.now(), p_address => '2 Nguyễn Hữu Cảnh, Phường Bình Thạnh', p_lat => 10.7925, p_lon => 106.7183,
		p_media_url => 'https://example.invalid/media/0229.jpg');
	-- a cluster (issue 16 §2): two more calls about the flooding of BT-21, within 100 m
	perform pg_temp.demo_at('minh', '20 minutes');
	perform wardesk.report(p_category => 'HT', p_channel => 'hotline', p_hotline_line => 'committee',
		p_description => 'Nước ngập ngang gối trước nhà, xe máy chết máy giữa đường.',
		p_address => '79 Xô Viết Nghệ Tĩnh, Phường Bình Thạnh', p_lat => 10.8058, p_lon => 106.7139,
		p_name => 'Hồ Văn Tâm', p_phone => '0903 222 333');
	perform pg_temp.demo_at('appfeed', '15 minutes');
	perform wardesk.import_request(p_external_id => 'BT-APP-240231', p_service_code => 'HT',
		p_description => 'Hẻm 77 ngập sâu, cống không thoát được nước.',
		p_requested_at => wardesk.now(), p_address => 'Hẻm 77 Xô Viết Nghệ Tĩnh, Phường Bình Thạnh', p_lat => 10.8052, p_lon => 106.7133);
	perform pg_temp.demo_at('lan', '12 minutes');
	perform wardesk.report(p_category => 'HT', p_channel => 'hotline', p_hotline_line => 'committee',
		p_description => 'Dây điện thoại, dây cáp đứt võng xuống thấp ngang đầu người đi đường.',
		p_address => '18/6 Phan Đăng Lưu, Phường Bình Thạnh',
		p_name => 'Lạc Thị Nga', p_phone => '+84 28 3899 1234', p_callback => true);
	perform pg_temp.demo_at('appfeed', '8 minutes');
	perform wardesk.import_request(p_external_id => 'BT-APP-240233', p_service_code => 'MT',
		p_description => 'Thùng rác công cộng đầy tràn, rác rơi ra đường.',
		p_requested_at => wardesk.now(), p_address => '190 Nơ Trang Long, Phường Bình Thạnh', p_lat => 10.8140, p_lon => 106.7001,
		p_media_url => 'https://example.invalid/media/0233.jpg');
	perform pg_temp.demo_at('appfeed', '4 minutes');
	perform wardesk.import_request(p_external_id => 'BT-APP-240235', p_service_code => 'CX',
		p_description => U&'Ca\0302y xanh mo\031b\0301i tro\0302\0300ng bi\0323 nho\0302\0309 go\0302\0301c, ne\0301m ra\0301c va\0300o go\0302\0301c.',
		p_requested_at => wardesk.now(), p_address => U&'64 Đie\0323\0302n Bie\0302n Phu\0309, Phu\031bo\031b\0300ng Bi\0300nh Tha\0323nh', p_lat => 10.7995, p_lon => 106.7049,
		p_media_url => 'https://example.invalid/media/0235.jpg');
	perform pg_temp.demo_at('minh', '1 minute');
	perform wardesk.report(p_category => 'ANTT', p_channel => 'hotline', p_hotline_line => 'police',
		p_description => 'Có tiếng kêu cứu trong nhà, cửa khóa ngoài, hàng xóm lo lắng.',
		p_address => '55/1/8 Xô Viết Nghệ Tĩnh, Phường Bình Thạnh',
		p_name => 'Dương Thị Liên', p_phone => '0934 001 122');

	-- the ward's main streets, drawn on the map (`wardesk map`, M)
	perform pg_temp.demo_at('chutich', '0 minutes');
	perform wardesk.street_set('Xô Viết Nghệ Tĩnh', '[[10.7990, 106.7110], [10.8060, 106.7137], [10.8150, 106.7155]]');
	perform wardesk.street_set('Điện Biên Phủ', '[[10.7985, 106.6990], [10.8001, 106.7074], [10.8020, 106.7190]]');
	perform wardesk.street_set('Bạch Đằng', '[[10.8027, 106.6990], [10.8030, 106.7112], [10.8040, 106.7200]]');
	perform wardesk.street_set('Nơ Trang Long', '[[10.8050, 106.6975], [10.8121, 106.6985], [10.8200, 106.7005]]');

	reset session authorization;
	update wardesk.test_clock set clock_offset = coalesce(nullif(v_base, '')::interval, interval '0');
	perform set_config('wardesk_demo.base_offset', '', true);
	raise notice 'demo ward BT seeded: 6 officers, % cases', (select count(*) from wardesk.cases c
		join wardesk.wards w on w.id = c.ward_id where w.code = 'BT');
end $demo$;

drop function pg_temp.demo_at(text, interval);
