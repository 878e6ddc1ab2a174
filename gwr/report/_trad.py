"""Traditional -> simplified characters for the words the extractor reads.

Some reprints of reports are in traditional characters (big5 mirrors).  The
extractor's vocabularies are simplified, so :func:`gwr.report.normalize.normalize`
maps these characters one for one (offsets are unchanged and quotes stay verbatim
in the original script).  The list covers numbers, units, comparators, verbs,
heading words and common indicator words; it is not a general converter.
Characters that are also ordinary simplified characters (著, 乾, 隻, 於 as a
surname …) are left out on purpose except where the report vocabulary needs them.
"""

from __future__ import annotations

_PAIRS = (
    "萬万億亿個个戶户項项張张輛辆條条處处頭头臺台間间畝亩噸吨場场棟栋劑剂"
    "長长減减預预計计達达較较實实現现經经濟济總总產产區区縣县會会議议業业農农國国發发"
    "報报顧顾與与點点標标設设進进確确爭争對对數数資资額额價价漲涨務务稅税費费貸贷銷销"
    "鎮镇鄉乡歲岁養养醫医療疗險险學学園园遊游級级動动態态構构線线網网電电氣气從从為为"
    "於于這这們们來来時时後后過过還还應应將将開开關关統统環环節节約约綠绿貨货運运輸输"
    "鐵铁車车橋桥職职試试驗验檢检測测規规劃划財财紅红糧粮種种穩稳築筑廢废淨净潔洁汙污"
    "類类導导廣广東东華华陽阳龍龙灣湾嶺岭門门雲云貴贵遼辽寧宁蘭兰漢汉蘇苏閩闽贛赣魯鲁"
    "粵粤瓊琼陝陕隴陇內内屆届別别單单調调際际並并倍倍億亿萬万覽览歷历剛刚貿贸匯汇"
    "優优質质創创務务積积極极層层擴扩聯联輪轮廠厂礦矿灣湾鋼钢鋁铝紡纺織织辦办證证"
    "顯显讓让購购買买賣卖額额幣币憑凭稱称權权歸归屬属當当辦办際际與与體体適适"
    "傳传統统譜谱寫写篇篇遠远圍围歡欢觀观嚴严專专鄰邻雙双縮缩險险災灾護护蓋盖"
    "籌筹補补級级線线綜综衛卫邊边廳厅龐庞驟骤價价隊队樓楼號号續续齊齐餘余"
    "營营準准製制勞劳兒儿參参豬猪漁渔風风銀银債债師师殘残貧贫脫脱樣样貼贴員员崗岗"
    "訓训練练備备裝装機机頃顷裡里離离軌轨郵邮遞递訊讯組组團团黨党幹干領领據据連连"
    "滿满範范檔档舉举讀读書书選选雞鸡魚鱼藥药鮮鲜熱热響响紀纪錢钱認认識识協协黃黄"
    "記记審审請请題题問问榮荣兌兑獎奖緩缓紓纾葉叶鏈链"
)
T2S: dict[int, int] = {ord(_PAIRS[i]): ord(_PAIRS[i + 1]) for i in range(0, len(_PAIRS) - 1, 2)}
#: A few characters that occur in nearly every traditional report and never in
#: a simplified one: a cheap test before translating.
MARKERS = frozenset("億萬個經濟這們過國會發區縣產總預計實現")
