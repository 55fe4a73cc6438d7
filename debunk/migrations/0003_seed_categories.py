from django.db import migrations

# The column's categories: (name, slug, description). Editors may add more as snippets.
CATEGORIES = [
    ("食品安全", "food-safety", "食品、饮用水、农产品与餐饮相关传言"),
    ("医疗健康", "health", "疾病、药品、疫苗与养生相关传言"),
    ("公共安全", "public-safety", "治安、交通、事故与安全生产相关传言"),
    ("社会民生", "livelihood", "教育、就业、社保、住房与出行相关传言"),
    ("自然灾害", "disasters", "地震、暴雨、台风、高温等灾害与天气相关传言"),
    ("政策解读", "policy", "政策、法规、通知与公告相关传言"),
    ("科学常识", "science", "违背科学常识的说法与伪科学"),
    ("网络诈骗", "fraud", "冒充、兼职刷单、中奖、投资理财等诈骗套路"),
]


def seed_categories(apps, schema_editor):
    Category = apps.get_model("debunk", "Category")
    for order, (name, slug, description) in enumerate(CATEGORIES, start=1):
        Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )


def remove_categories(apps, schema_editor):
    Category = apps.get_model("debunk", "Category")
    Category.objects.filter(slug__in=[slug for _, slug, _ in CATEGORIES], rebuttals=None).delete()


class Migration(migrations.Migration):
    dependencies = [("debunk", "0002_rebuttals")]

    operations = [migrations.RunPython(seed_categories, remove_categories)]
